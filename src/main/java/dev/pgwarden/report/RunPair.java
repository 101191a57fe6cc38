package dev.pgwarden.report;

import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.ServerIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of one target in two reports: one run each is the same target whatever it was called; the runs of
 * fleets are paired by target. A side is null when the target is in one report only.
 */
public record RunPair(String target, RunSummary before, RunSummary after) {

    public static List<RunPair> of(List<RunSummary> before, List<RunSummary> after) {
        if (before.size() == 1 && after.size() == 1) {
            return List.of(new RunPair(after.get(0).target(), before.get(0), after.get(0)));
        }
        Map<String, RunSummary> earlier = new LinkedHashMap<>();
        before.forEach(run -> earlier.put(run.target(), run));
        List<RunPair> pairs = new ArrayList<>();
        for (RunSummary run : after) {
            pairs.add(new RunPair(run.target(), earlier.remove(run.target()), run));
        }
        earlier.forEach((target, run) -> pairs.add(new RunPair(target, run, null)));
        return pairs;
    }

    /**
     * Why the two runs cannot be of the same cluster, naming both system identifiers; empty when they can be (the
     * same identifier, or one of them unknown).
     */
    public java.util.Optional<String> otherCluster() {
        String was = identifier(before);
        String is = identifier(after);
        if (was == null || is == null || was.equals(is)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(target + ": the reports are of different clusters (system_identifier " + was + " before, "
                + is + " after)");
    }

    private static String identifier(RunSummary run) {
        if (run == null || run.provenance() == null) {
            return null;
        }
        ServerIdentity server = run.provenance().server();
        return server == null ? null : server.systemIdentifier();
    }
}
