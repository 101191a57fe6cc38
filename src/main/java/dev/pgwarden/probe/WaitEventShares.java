package dev.pgwarden.probe;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wait-event profile as rules judge it: the share of the active backends' sampled time spent in each kind
 * of wait, and the events and statements that waited most, named for the finding.
 *
 * <p>Waiting means a wait for the server's own resources: storage ({@code IO}), heavyweight locks ({@code Lock}),
 * shared-memory locks ({@code LWLock}), other processes ({@code IPC}) and buffer pins ({@code BufferPin}). Reported
 * apart: {@code Client} (the server waits for the application to send or read, which no server setting fixes),
 * {@code Timeout} (deliberate sleeps: pg_sleep, vacuum delay, recovery conflicts' delays) and {@code Extension}
 * (an extension's own wait, meaning unknown). {@code CPU} is an active backend with no wait event.
 *
 * @param source              which probe file and window, for evidence
 * @param activeSamples       active-backend samples the shares are of
 * @param waitingShare        share of them in a waiting type (0 to 1)
 * @param cpuShare            share on the CPU
 * @param clientShare         share waiting for the client
 * @param otherShare          share in Timeout, Extension or a type this version does not know
 * @param byType              every type's share, most first, e.g. {@code Lock 62.0%, CPU 30.1%}
 * @param topWaits            the waiting events with the most samples, their shares and statements' query ids
 * @param topQueryIds         the query ids of those statements, comma-separated; {@code none} when none is known
 * @param queryIdsUnavailable why no query ids are known (13, compute_query_id off); null when they are
 */
public record WaitEventShares(String source, long activeSamples, double waitingShare, double cpuShare, double clientShare,
                              double otherShare, String byType, String topWaits, String topQueryIds,
                              String queryIdsUnavailable) {

    /** The wait-event types that count as waiting for the server's resources. */
    public static final Set<String> WAITING_TYPES = Set.of("IO", "Lock", "LWLock", "IPC", "BufferPin");

    /** How many waiting events a finding names. */
    static final int TOP_EVENTS = 3;

    /** The shares of a measured profile with at least one active sample. */
    public static WaitEventShares of(WaitEventProfile profile, String source) {
        if (!profile.measured() || profile.activeSamples() == 0) {
            throw new IllegalArgumentException("a profile without active samples has no shares");
        }
        double total = profile.activeSamples();
        long waiting = samples(profile, WAITING_TYPES::contains);
        long cpu = samples(profile, WaitEventProfile.CPU::equals);
        long client = samples(profile, "Client"::equals);
        List<WaitEventCount> top = profile.events().stream().filter(e -> WAITING_TYPES.contains(e.type()))
                .limit(TOP_EVENTS).toList();
        String byType = profile.types().entrySet().stream()
                .map(e -> e.getKey() + " " + percent(e.getValue() / total)).collect(Collectors.joining(", "));
        String topWaits = top.isEmpty() ? "none" : top.stream()
                .map(e -> e.label() + " " + percent(e.samples() / total) + queries(e)).collect(Collectors.joining("; "));
        String ids = top.stream().flatMap(e -> e.topQueries().stream()).map(q -> Long.toString(q.queryId())).distinct()
                .collect(Collectors.joining(", "));
        return new WaitEventShares(source, profile.activeSamples(), waiting / total, cpu / total, client / total,
                (total - waiting - cpu - client) / total, byType, topWaits, ids.isEmpty() ? "none" : ids,
                profile.queryIdsUnavailable());
    }

    private static long samples(WaitEventProfile profile, java.util.function.Predicate<String> type) {
        return profile.events().stream().filter(e -> type.test(e.type())).mapToLong(WaitEventCount::samples).sum();
    }

    private static String queries(WaitEventCount event) {
        return event.topQueries().isEmpty() ? "" : event.topQueries().stream()
                .map(q -> q.queryId() + " ×" + q.samples()).collect(Collectors.joining(", ", " (query ids ", ")"));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
