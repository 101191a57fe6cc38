package dev.pgwarden.facts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the statements behind findings in pgwarden's read-only, time-limited session. A statement is executed
 * ({@code EXPLAIN (ANALYZE, BUFFERS)}) only when the run allows it on this server and it passes
 * {@link ReadOnlySelect} and {@link PlanSafety}; otherwise it gets a generic plan ({@link GenericPlanner}), which
 * executes nothing. Every plan says which it is and why. Not thread-safe: one per session.
 */
public final class PlanExplainer {

    /** Executions per target run at the most: each costs what the statement costs. */
    static final int MAX_EXECUTED = 10;

    private final Connection connection;
    private final GenericPlanner generic;
    private final ExplainAnalyze mode;
    private Boolean inRecovery;
    private Set<String> shadowed;
    private int executed;

    public PlanExplainer(Connection connection, int serverMajor, ExplainAnalyze mode) {
        this.connection = connection;
        this.generic = new GenericPlanner(connection, serverMajor);
        this.mode = mode;
    }

    public StatementPlan plan(StatementEntry entry) {
        if (!entry.textVisible()) {
            return StatementPlan.none("its text is hidden from this role; pg_read_all_stats (in pg_monitor) shows it");
        }
        if (!entry.planned()) {
            return StatementPlan.none("a utility statement has no plan");
        }
        Optional<String> single = ReadOnlySelect.single(entry.query());
        if (single.isEmpty()) {
            return StatementPlan.none("its text holds more than one statement");
        }
        String notExecuted = executionRefusal(single.get()).orElse(null);
        if (notExecuted == null) {
            try {
                StatementPlan plan = new StatementPlan(PlanKind.ANALYZE, "executed by EXPLAIN (ANALYZE, BUFFERS) in pgwarden's"
                        + " read-only session on this " + (inRecovery() ? "standby" : "primary") + " (--explain-analyze)",
                        explain("ANALYZE, BUFFERS", single.get()));
                executed++;
                return plan;
            } catch (SQLException e) {
                notExecuted = "EXPLAIN (ANALYZE) failed: " + firstLine(e);
            }
        }
        StatementPlan plan = generic.plan(single.get());
        return new StatementPlan(plan.kind(), plan.note() + "; not executed because " + notExecuted, plan.json());
    }

    /** Why the statement is not executed here, or empty when it may be. */
    private Optional<String> executionRefusal(String statement) {
        if (mode == ExplainAnalyze.OFF) {
            return Optional.of("EXPLAIN (ANALYZE) runs only with --explain-analyze");
        }
        Optional<String> refused = ReadOnlySelect.refusal(statement);
        if (refused.isPresent()) {
            return refused;
        }
        try {
            if (mode == ExplainAnalyze.STANDBY && !inRecovery()) {
                return Optional.of("the target is a primary (pg_is_in_recovery() is false), and --explain-analyze executes"
                        + " only on a standby unless --explain-analyze-on-primary is given too");
            }
            if (executed >= MAX_EXECUTED) {
                return Optional.of("this run already executed " + MAX_EXECUTED + " statements, the most it executes");
            }
            return PlanSafety.refusal(explain("VERBOSE", statement), shadowed());
        } catch (SQLException e) {
            return Optional.of("its safety could not be judged: " + firstLine(e));
        }
    }

    private String explain(String options, String statement) throws SQLException {
        return GenericPlanner.explain(connection, "EXPLAIN (" + options + ", FORMAT JSON) " + statement);
    }

    private boolean inRecovery() throws SQLException {
        if (inRecovery == null) {
            try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery("SELECT pg_is_in_recovery()")) {
                row.next();
                inRecovery = row.getBoolean(1);
            }
        }
        return inRecovery;
    }

    /** The names of the safe functions that a function outside pg_catalog shares. */
    private Set<String> shadowed() throws SQLException {
        if (shadowed == null) {
            try (PreparedStatement s = connection.prepareStatement("SELECT DISTINCT proname::text FROM pg_proc"
                    + " WHERE pronamespace <> 'pg_catalog'::regnamespace AND proname = ANY (?)")) {
                s.setArray(1, connection.createArrayOf("text", PlanSafety.SAFE_FUNCTIONS.toArray()));
                Set<String> names = new HashSet<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                shadowed = names;
            }
        }
        return shadowed;
    }

    private static String firstLine(SQLException e) {
        return GenericPlanner.firstLine(e);
    }
}
