package dev.pgwarden.probe;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code probe/wait-event-sample.sql}: a backend of the sample, or a blocker of one that is not counted.
 *
 * @param sampled      whether the backend counts in the profile (active client backend or parallel worker)
 * @param pid          its process id
 * @param type         wait_event_type, {@code CPU} for none
 * @param event        wait_event, {@code CPU} for none
 * @param queryId      its query id; null when none was computed
 * @param blockingPids whom it waits for, from pg_blocking_pids; null unless it waits for a heavyweight lock
 * @param state        pg_stat_activity's state
 * @param xactStart    when its transaction began; null outside one
 * @param query        its statement, for lock waiters and blockers only; null otherwise
 */
record ActivityRow(boolean sampled, int pid, String type, String event, Long queryId, List<Integer> blockingPids,
                   String state, Instant xactStart, String query) {

    static ActivityRow of(ResultSet row) throws SQLException {
        long queryId = row.getLong("query_id");
        Long computed = row.wasNull() ? null : queryId;
        Array blocking = row.getArray("blocking_pids");
        Timestamp xactStart = row.getTimestamp("xact_start");
        return new ActivityRow(row.getBoolean("sampled"), row.getInt("pid"), row.getString("wait_event_type"),
                row.getString("wait_event"), computed, blocking == null ? null : Arrays.asList((Integer[]) blocking.getArray()),
                row.getString("state"), xactStart == null ? null : xactStart.toInstant(), row.getString("query"));
    }

    boolean waitsForLock() {
        return blockingPids != null;
    }
}
