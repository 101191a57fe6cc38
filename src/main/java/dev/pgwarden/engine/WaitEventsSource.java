package dev.pgwarden.engine;

import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.probe.ProbeInputReader;
import dev.pgwarden.probe.WaitEventProfile;
import dev.pgwarden.probe.WaitEventShares;
import dev.pgwarden.results.CommandName;
import dev.pgwarden.results.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The wait-event profile ({@code wait_event_profile}) from the probe file given with {@code --probe}, as
 * {@link WaitEventShares}. A probe without a profile, or whose sampler could not measure, skips the checks
 * that need it with the reason; a profile with no active sample gives no fact, and the check says so.
 */
final class WaitEventsSource extends FileFactSource<WaitEventShares> {

    static final String KIND = "wait_event_profile";

    WaitEventsSource(Path file) {
        super(file);
    }

    @Override
    protected Outcome notGiven(List<Object> facts) {
        return Outcome.skipped("no probe given: run '" + CommandName.of("probe --url <the server> --duration 30s"
                + " --out probe.json") + "' (no root needed), then pass --probe probe.json");
    }

    @Override
    protected Optional<Outcome> add(WaitEventShares shares, List<Object> facts) {
        facts.add(shares);
        return Optional.empty();
    }

    @Override
    protected Reading<WaitEventShares> read(Path file) {
        try {
            Optional<WaitEventProfile> profile = new ProbeInputReader(null).waitEvents(file);
            if (profile.isEmpty()) {
                return Reading.cannot(Outcome.skipped("the probe in " + file + " sampled no wait events: give '"
                        + CommandName.of("probe") + "' --url <the server> so it samples pg_stat_activity in its window"));
            }
            WaitEventProfile p = profile.get();
            if (!p.measured()) {
                return Reading.cannot(Outcome.skipped("the probe in " + file + " measured no wait events: " + p.reason()));
            }
            if (p.activeSamples() == 0) {
                return Reading.cannot(Outcome.skipped("the probe in " + file + " saw no active backend in " + p.ticks()
                        + " samples of " + p.target() + ": probe under load"));
            }
            return Reading.of(WaitEventShares.of(p, String.format(java.util.Locale.ROOT, "%s: wait events of %s, %d samples"
                    + " every %d ms over %.1f s from %s", file, p.target(), p.ticks(), p.intervalMs(), p.durationS(), p.startedAt())));
        } catch (ProbeFormatException e) {
            return Reading.cannot(Outcome.errored(e.getMessage()));
        }
    }
}
