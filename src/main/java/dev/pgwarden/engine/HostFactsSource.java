package dev.pgwarden.engine;

import dev.pgwarden.facts.ServerPaths;
import dev.pgwarden.probe.HostFacts;
import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host's filesystems ({@code host_filesystems}) from the probe file given with {@code --probe}. Without
 * host facts the check is skipped with the command that writes them; host facts of another data directory
 * than the checked server's (when the server says, after {@code server_paths}) are not judged.
 */
final class HostFactsSource extends FileFactSource<Optional<HostFacts>> {

    static final String KIND = "host_filesystems";

    HostFactsSource(Path file) {
        super(file);
    }

    @Override
    protected Outcome notGiven(List<Object> facts) {
        return noHostFacts("no probe given", facts);
    }

    @Override
    protected Reading<Optional<HostFacts>> read(Path file) {
        try {
            return Reading.of(new ProbeInputReader(null).hostFacts(file));
        } catch (ProbeFormatException e) {
            return Reading.cannot(Outcome.errored(e.getMessage()));
        }
    }

    @Override
    protected Optional<Outcome> add(Optional<HostFacts> read, List<Object> facts) {
        if (read.isEmpty()) {
            return Optional.of(noHostFacts("the probe in " + file() + " holds no host facts", facts));
        }
        HostFacts host = read.get();
        String dataDirectory = dataDirectory(facts);
        if (dataDirectory != null && !Path.of(dataDirectory).normalize().equals(Path.of(host.dataDirectory()).normalize())) {
            return Optional.of(Outcome.skipped("the host facts in " + file() + " are of data directory " + host.dataDirectory()
                    + " on " + host.host() + ", but the checked server's is " + dataDirectory
                    + ": run '" + CommandName.of("probe --host-only --data-dir " + dataDirectory) + "' on its host"));
        }
        facts.add(host);
        facts.addAll(host.filesystems());
        if (host.access() != null) {
            facts.add(host.access());
            facts.addAll(host.access().paths());
            if (host.access().system() != null) {
                facts.add(host.access().system());
                facts.addAll(host.access().system().packages());
                facts.addAll(host.access().system().secrets());
            }
        }
        return Optional.empty();
    }

    private static Outcome noHostFacts(String why, List<Object> facts) {
        String dataDirectory = dataDirectory(facts);
        return Outcome.skipped(why + ": on the database host run '" + CommandName.of("probe --host-only --data-dir ")
                + (dataDirectory == null ? "<data directory>" : dataDirectory)
                + " --out host.json' (as the cluster's owner or root, no bpftrace needed), then pass --probe host.json");
    }

    /** The checked server's data directory, when the server said (after {@code server_paths}). */
    private static String dataDirectory(List<Object> facts) {
        return facts.stream().filter(ServerPaths.class::isInstance).map(f -> ((ServerPaths) f).dataDirectory())
                .findFirst().orElse(null);
    }
}
