package dev.pgwarden.probe;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which client backends the statement and LWLock signals were traced in, when the probe traced a sample of them
 * ({@code probe --statement-backends N}) rather than every backend. Absent from the envelope (null) when every backend
 * was traced.
 *
 * @param limit       the most backends traced at once (the option's N)
 * @param perDatabase by database, the client backends seen during the probe and those traced
 */
public record SampledBackends(int limit, Map<String, Backends> perDatabase) {

    /**
     * One database's client backends during the probe.
     *
     * @param seen   client backends seen (rescanned about once a second)
     * @param traced pids of those a tracer attached to
     */
    public record Backends(int seen, List<Long> traced) {

        public Backends {
            traced = List.copyOf(Objects.requireNonNull(traced, "traced must not be null"));
            if (seen < traced.size()) {
                throw new IllegalArgumentException("seen " + seen + " client backends, fewer than the "
                        + traced.size() + " traced");
            }
        }
    }

    public SampledBackends {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        perDatabase = OrderedMaps.copyOf(Objects.requireNonNull(perDatabase, "perDatabase must not be null"));
    }

    /** Client backends seen in the cluster. */
    public int seen() {
        return perDatabase.values().stream().mapToInt(Backends::seen).sum();
    }

    /** Client backends traced in the cluster. */
    public int traced() {
        return perDatabase.values().stream().mapToInt(b -> b.traced().size()).sum();
    }

    /** Databases with client backends of which none was traced, in name order. */
    public List<String> untracedDatabases() {
        return perDatabase.entrySet().stream().filter(e -> e.getValue().traced().isEmpty())
                .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Databases with client backends whose statements were not measured (none of {@code measured}), in name order: none
     * of their backends was traced, or those traced ran no statement the probe sees.
     */
    public List<String> unmeasuredDatabases(Set<String> measured) {
        return perDatabase.keySet().stream().filter(db -> !measured.contains(db)).sorted().toList();
    }

    /** For findings: {@code 2 of 9 client backends (probe --statement-backends 2)}. */
    public String describe() {
        return traced() + " of " + seen() + " client backends (" + option() + ")";
    }

    /** For one database's findings: {@code 1 of its 4 client backends (2 of 9 in the cluster, probe --statement-backends 2)}. */
    public String describe(String database) {
        Backends backends = perDatabase.get(database);
        String cluster = " (" + traced() + " of " + seen() + " in the cluster, " + option() + ")";
        return backends == null ? "backends the sampler did not see" + cluster
                : backends.traced().size() + " of its " + backends.seen() + " client backends" + cluster;
    }

    /** Why a database's statements were not measured: none of its backends traced, or those traced ran none. */
    public String whyNotMeasured(String database) {
        Backends backends = perDatabase.get(database);
        if (backends != null && !backends.traced().isEmpty()) {
            return "database " + database + ": its " + backends.traced().size() + " traced client backends (of "
                    + backends.seen() + ") ran no statement while the probe ran (idle connections); probe under load,"
                    + " or with a larger " + StatementBackends.OPTION + " or 'all'";
        }
        return "database " + database + ": none of its " + (backends == null ? 0 : backends.seen())
                + " client backends was among the " + describe() + " traced, so its statements were not measured;"
                + " probe with a larger " + StatementBackends.OPTION + " or 'all'";
    }

    private String option() {
        return "probe " + StatementBackends.OPTION + " " + limit;
    }

    @Override
    public String toString() {
        return perDatabase.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().traced().size() + "/"
                + e.getValue().seen()).collect(Collectors.joining(", ", "sampled " + traced() + "/" + seen() + " [", "]"));
    }
}
