package dev.pgwarden.facts;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.QueryExecutor;

/**
 * Plans a pg_stat_statements text for any parameter values and executes nothing: {@code EXPLAIN (GENERIC_PLAN)} from
 * PostgreSQL 16; before, {@code PREPARE} under {@code plan_cache_mode = force_generic_plan} and {@code EXPLAIN EXECUTE}
 * with NULL for each parameter (the generic plan does not look at them), then {@code DEALLOCATE}. Both run in the
 * caller's read-only session and need SELECT on what the statement reads, like any EXPLAIN.
 */
public final class GenericPlanner {

    static final int FIRST_GENERIC_PLAN_MAJOR = 16;
    private static final String PREPARED = "pgwarden_generic_plan";

    private final Connection connection;
    private final int serverMajor;

    public GenericPlanner(Connection connection, int serverMajor) {
        this.connection = connection;
        this.serverMajor = serverMajor;
    }

    /** How this server plans without executing, for a plan's note. */
    public String method() {
        return serverMajor >= FIRST_GENERIC_PLAN_MAJOR ? "EXPLAIN (GENERIC_PLAN)"
                : "PREPARE under plan_cache_mode = force_generic_plan, then EXPLAIN EXECUTE with NULL parameters";
    }

    /** The generic plan of one statement of pg_stat_statements, or why there is none. */
    public StatementPlan plan(String query) {
        if (StatementEntry.HIDDEN.equals(query)) {
            return StatementPlan.none("its text is hidden from this role; pg_read_all_stats (in pg_monitor) shows it");
        }
        Optional<String> single = ReadOnlySelect.single(query);
        if (single.isEmpty()) {
            return StatementPlan.none("its text holds more than one statement");
        }
        if (!single.get().stripLeading().matches("(?is)(select|insert|update|delete|with|merge|values|table)\\b.*")) {
            return StatementPlan.none("a utility statement has no plan");
        }
        try {
            return new StatementPlan(PlanKind.GENERIC, "generic plan from " + method() + ": planned for any parameter values,"
                    + " nothing executed", serverMajor >= FIRST_GENERIC_PLAN_MAJOR
                            ? explain("EXPLAIN (GENERIC_PLAN, VERBOSE, FORMAT JSON) " + single.get())
                            : explainPrepared(single.get()));
        } catch (SQLException e) {
            return StatementPlan.none(method() + " failed: " + firstLine(e));
        }
    }

    /** EXPLAIN of the statement's generic plan before 16, leaving the session as it was. */
    private String explainPrepared(String statement) throws SQLException {
        run("SET plan_cache_mode = force_generic_plan");
        try {
            run("PREPARE " + PREPARED + " AS " + statement);
            try {
                return explain("EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE " + PREPARED + arguments());
            } finally {
                run("DEALLOCATE " + PREPARED);
            }
        } finally {
            run("RESET plan_cache_mode");
        }
    }

    /** {@code (NULL, NULL)}: one NULL per parameter PREPARE inferred, or nothing for none. */
    private String arguments() throws SQLException {
        try (Statement s = connection.createStatement();
             var row = s.executeQuery("SELECT cardinality(parameter_types) FROM pg_prepared_statements WHERE name = '" + PREPARED + "'")) {
            row.next();
            int count = row.getInt(1);
            return count == 0 ? "" : "(" + String.join(", ", java.util.Collections.nCopies(count, "NULL")) + ")";
        }
    }

    private void run(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setEscapeProcessing(false);
            s.unwrap(BaseStatement.class).executeWithFlags(sql, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
        }
    }

    private String explain(String sql) throws SQLException {
        return explain(connection, sql);
    }

    /** The one-column, one-row result of an EXPLAIN sent as a simple query. */
    static String explain(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // The text is PostgreSQL's own normalized SQL: no JDBC escapes to rewrite in it. Over the extended protocol
            // the server would count $1 as a parameter the Bind message must supply; as a simple query it stays open.
            s.setEscapeProcessing(false);
            s.unwrap(BaseStatement.class).executeWithFlags(sql, QueryExecutor.QUERY_EXECUTE_AS_SIMPLE);
            try (var plan = s.getResultSet()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
