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
final class HostFactsSource implements FactSource {

    static final String KIND = "host_filesystems";
    private final Path file;
    private Object read;

    HostFactsSource(Path file) {
        this.file = file;
    }

    @Override
    public boolean given() {
        return file != null;
    }

    @Override
    public Optional<Outcome> addTo(List<Object> facts) {
        String dataDirectory = facts.stream().filter(ServerPaths.class::isInstance).map(f -> ((ServerPaths) f).dataDirectory())
                .findFirst().orElse(null);
        Object reading = reading();
        if (reading instanceof Outcome failed) {
            return Optional.of(failed);
        }
        if (!(reading instanceof HostFacts host)) {
            return Optional.of(Outcome.skipped((file == null ? "no probe given" : "the probe in " + file + " holds no host facts")
                    + ": on the database host run '" + CommandName.of("probe --host-only --data-dir ")
                    + (dataDirectory == null ? "<data directory>" : dataDirectory)
                    + " --out host.json' (as the cluster's owner or root, no bpftrace needed), then pass --probe host.json"));
        }
        if (dataDirectory != null && !Path.of(dataDirectory).normalize().equals(Path.of(host.dataDirectory()).normalize())) {
            return Optional.of(Outcome.skipped("the host facts in " + file + " are of data directory " + host.dataDirectory()
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

    private Object reading() {
        if (read == null && file != null) {
            try {
                read = new ProbeInputReader(null).hostFacts(file).<Object>map(h -> h).orElse("none");
            } catch (ProbeFormatException e) {
                read = Outcome.errored(e.getMessage());
            }
        }
        return read;
    }
}
