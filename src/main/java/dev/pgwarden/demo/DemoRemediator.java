package dev.pgwarden.demo;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Applies the findings' own remediation statements to the demo database: every line of a remediation
 * that is a SQL statement runs as written, with the one blank the reader must fill ({@code <filter
 * columns>}) filled with the column the demo's workload filters on. Where a remediation offers a fallback ("If the
 * rebuild fails again, ..."), only the first way is taken, as a reader would.
 */
final class DemoRemediator {

    private static final List<String> STATEMENT_STARTS = List.of("VACUUM", "ANALYZE", "ALTER TABLE", "ALTER DATABASE", "ALTER SYSTEM", "ALTER COLLATION", "CREATE INDEX", "REINDEX");
    private final DemoCluster cluster;

    DemoRemediator(DemoCluster cluster) {
        this.cluster = cluster;
    }

    /** @return the statements run, in order */
    List<String> apply(List<CheckResult> results, Consumer<String> progress) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
            for (CheckResult result : results) {
                for (Finding finding : result.findings()) {
                    for (String statement : statements(finding)) {
                        if (!applied.contains(statement)) {
                            progress.accept(statement);
                            s.execute(statement);
                            applied.add(statement);
                        }
                    }
                }
            }
        }
        return applied;
    }

    static List<String> statements(Finding finding) {
        List<String> statements = new ArrayList<>();
        for (String line : finding.remediation().lines().map(String::strip).toList()) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("IF ")) {
                break;
            }
            if (STATEMENT_STARTS.stream().anyMatch(upper::startsWith) && line.endsWith(";")) {
                statements.add(line.replace("<filter columns>", "user_id"));
            }
        }
        return statements;
    }
}
