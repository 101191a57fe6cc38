package dev.pgwarden.facts;

import java.util.List;

/**
 * The top statements a baseline recorded with their plans.
 *
 * @param recorded   false for a baseline saved before baselines kept statements: it has none to compare
 * @param note       why none were recorded (pg_stat_statements unreadable, say); null when they were read
 */
public record RecordedStatements(boolean recorded, String note, List<BaselineStatement> statements) {

    public RecordedStatements {
        statements = List.copyOf(statements);
    }

    static RecordedStatements absent() {
        return new RecordedStatements(false, null, List.of());
    }
}
