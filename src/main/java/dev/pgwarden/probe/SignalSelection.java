package dev.pgwarden.probe;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which of the traced signals one probe run attaches to ({@code probe --signals}). A signal left out costs the
 * cluster nothing and is recorded in the envelope as not measured, "not requested", so checks needing it skip
 * saying so. The wait-event profile is not among them: {@code --url} asks for it.
 *
 * @param requested signal names from {@link #TRACED}, in that order
 */
public record SignalSelection(Set<String> requested) {

    /** The signals bpftrace traces, in the order the envelope records them. */
    public static final List<String> TRACED = List.of(ProbeSignals.READS, ProbeSignals.STATEMENTS,
            ProbeSignals.LOCK_WAITS, ProbeSignals.LWLOCK_WAITS, ProbeSignals.RELATION_READS);

    public SignalSelection {
        Objects.requireNonNull(requested, "requested must not be null");
        requested.stream().filter(s -> !TRACED.contains(s)).findFirst().ifPresent(s -> {
            throw new IllegalArgumentException("unknown signal '" + s + "'; the probe traces " + String.join(", ", TRACED));
        });
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("request at least one signal of " + String.join(", ", TRACED));
        }
        requested = Set.copyOf(requested);
    }

    /** {@code --signals all}: every traced signal. */
    public static final String ALL = "all";

    /** Every traced signal. */
    public static SignalSelection all() {
        return new SignalSelection(Set.copyOf(TRACED));
    }

    /** A comma-separated list of signal names, or {@value #ALL}, as {@code --signals} takes it. */
    public static SignalSelection parse(String list) {
        if (list.strip().equals(ALL)) {
            return all();
        }
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return new SignalSelection(names);
    }

    public boolean requests(String signal) {
        return requested.contains(signal);
    }

    /** Whether any of the signals of PostgreSQL's USDT probes is requested. */
    public boolean anyUsdt() {
        return ProbeSignals.USDT.stream().anyMatch(this::requests);
    }

    /** {@code traced} for a requested signal; otherwise not measured, because not requested. */
    SignalStatus status(String signal, SignalStatus traced) {
        return requests(signal) ? traced : SignalStatus.missing("not requested: the probe ran with --signals " + this
                + " (add " + signal + " to trace it)");
    }

    /** The requested names, comma-separated in {@link #TRACED}'s order, as {@code --signals} takes them. */
    @Override
    public String toString() {
        return String.join(",", TRACED.stream().filter(this::requests).toList());
    }
}
