package dev.pgwarden.engine;

import dev.pgwarden.probe.BlockedStatement;
import dev.pgwarden.probe.WaitEventCount;
import dev.pgwarden.probe.WaitEventProfile;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The waiting and blocking statements the wait-event sampler saw for one lock tag type, as a sentence for
 * lock-contention's findings: the USDT probes time every wait but see no statement text of the blocker, the
 * sampler sees both at each tick.
 */
final class SampledBlockers {

    private final WaitEventProfile profile;

    /** @param profile the probe's wait-event profile; null when the probe sampled none */
    SampledBlockers(WaitEventProfile profile) {
        this.profile = profile;
    }

    /** @param lockType pg_locks' locktype, which is pg_stat_activity's wait_event for wait_event_type Lock */
    String of(String lockType) {
        if (profile == null) {
            return "no statements sampled (the probe was given no --url to sample pg_stat_activity)";
        }
        if (!profile.measured()) {
            return "no statements sampled: " + profile.reason();
        }
        WaitEventCount event = profile.events().stream()
                .filter(e -> e.type().equals("Lock") && e.event().equals(lockType)).findFirst().orElse(null);
        if (event == null || event.blockedBy().isEmpty()) {
            return String.format(Locale.ROOT, "the sampler saw no backend waiting for a %s lock in %d samples every %d ms"
                    + " (waits shorter than that slip between them)", lockType, profile.ticks(), profile.intervalMs());
        }
        return "seen by the sampler: " + event.blockedBy().stream().limit(TracedFacts.SHOWN)
                .map(b -> String.format(Locale.ROOT, "%s, %d samples", b.describe(), b.samples()))
                .collect(Collectors.joining("; "));
    }
}
