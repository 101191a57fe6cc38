package dev.pgwarden.probe;

import java.util.List;

/**
 * One line of the wait-event profile: how many active-backend samples were in one wait event.
 *
 * @param type       {@code wait_event_type} (IO, Lock, LWLock, IPC, Client, Timeout …), or {@code CPU}
 *                   for an active backend with no wait event
 * @param event      {@code wait_event}, for example {@code transactionid} or {@code DataFileRead}; {@code CPU}
 *                   with type {@code CPU}
 * @param samples    active-backend samples in this event, at least one
 * @param topQueries the statements seen most often in this event, most first; empty without query ids
 * @param blockedBy  for a Lock event, the waiting statements and what blocked them, most samples first; empty for
 *                   other events and in files written before the sampler recorded them
 */
public record WaitEventCount(String type, String event, long samples, List<QuerySamples> topQueries,
                             List<BlockedStatement> blockedBy) {

    public WaitEventCount {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("event must not be blank");
        }
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive, was " + samples);
        }
        topQueries = List.copyOf(topQueries);
        blockedBy = List.copyOf(blockedBy);
    }

    /** An event with no lock waiters named. */
    public WaitEventCount(String type, String event, long samples, List<QuerySamples> topQueries) {
        this(type, event, samples, topQueries, List.of());
    }

    /** {@code Lock:transactionid}, or {@code CPU}. */
    public String label() {
        return type.equals(event) ? type : type + ":" + event;
    }
}
