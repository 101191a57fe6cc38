package dev.pgwarden.facts;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan shapes of top statements: recorded for a baseline, and planned again for the same statements to compare
 * with it. Plans are generic ({@link GenericPlanner}): nothing is executed. A statement that cannot be planned is kept
 * with the reason, and never stops the save or the check.
 */
public final class StatementShapes {

    private final FactReader reader;
    private final GenericPlanner planner;

    public StatementShapes(FactReader reader, GenericPlanner planner) {
        this.reader = reader;
        this.planner = planner;
    }

    /** The {@code top} statements by total execution time, each with its plan shape now. */
    public RecordedStatements record(int top) {
        List<TopStatement> statements;
        try {
            statements = reader.read("top_statements", TopStatement.class, Map.of("max_statements", top));
        } catch (SQLException e) {
            return new RecordedStatements(true, "pg_stat_statements could not be read: " + firstLine(e), List.of());
        }
        List<BaselineStatement> recorded = new ArrayList<>();
        for (TopStatement statement : statements) {
            StatementPlan plan = planner.plan(statement.query());
            recorded.add(new BaselineStatement(statement.queryid(), statement.query(), statement.calls(), statement.meanMs(),
                    shape(plan), plan.note(), null));
        }
        return new RecordedStatements(true, null, recorded);
    }

    /** The statement planned again now, with pg_stat_statements' count of it since its last reset. */
    public CurrentPlan replan(BaselineStatement before) {
        StatementPlan plan = planner.plan(before.query());
        StatementNow now;
        try {
            now = reader.read("statement_now", StatementNow.class, Map.of("queryid", before.queryid(), "query", before.query()))
                    .stream().findFirst().orElse(new StatementNow(0, null));
        } catch (SQLException e) {
            now = new StatementNow(0, null);
        }
        return new CurrentPlan(before.queryid(), start(before.query()), shape(plan), plan.note(), now.calls(), now.meanMs());
    }

    private static PlanShape shape(StatementPlan plan) {
        return plan.kind() == PlanKind.NONE ? null : PlanShape.of(plan.json());
    }

    /** The text's first 80 characters on one line, for a finding's message. */
    private static String start(String query) {
        String line = query.strip().replaceAll("\\s+", " ");
        return line.length() <= 80 ? line : line.substring(0, 80) + " …";
    }

    private static String firstLine(SQLException e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
