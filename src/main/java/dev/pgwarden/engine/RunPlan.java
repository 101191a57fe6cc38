package dev.pgwarden.engine;

import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.connection.ConnectionSettings;
import dev.pgwarden.connection.SessionOptions;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run needs before it touches a database: where, how, and which checks with which values.
 *
 * @param probe    the host probe's output for the read-latency check, or null
 * @param probeMap which histogram of it to judge, or null for the default
 * @param targetVersion the major version a pre-upgrade check plans for, or null
 * @param waivers  the suite's waivers, applied to findings after the rules
 * @param baseline a baseline file to compare measurements against, or null
 * @param explainAnalyze where statements behind findings may be executed to show their plans
 * @param platform where the server runs as the user said it, or null to detect it
 * @param provenance the suite, rule files and parameters the run judges with, each file with its SHA-256
 * @param today    the date waivers are judged on, or null for the machine's date
 */
public record RunPlan(ConnectionSettings target, SessionOptions sessionOptions, List<SelectedCheck> checks,
        java.nio.file.Path probe, String probeMap, Integer targetVersion, List<dev.pgwarden.results.Waiver> waivers,
        java.nio.file.Path baseline, dev.pgwarden.facts.ExplainAnalyze explainAnalyze, dev.pgwarden.results.Platform platform,
        dev.pgwarden.results.Provenance provenance, java.time.LocalDate today) {

    public RunPlan {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(sessionOptions, "sessionOptions must not be null");
        Objects.requireNonNull(provenance, "provenance must not be null");
        checks = List.copyOf(checks);
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
        explainAnalyze = explainAnalyze == null ? dev.pgwarden.facts.ExplainAnalyze.OFF : explainAnalyze;
    }
}
