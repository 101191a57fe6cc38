package dev.pgwarden.facts.settings;

import java.util.List;
import java.util.Optional;

/**
 * What replaces a setting a major no longer lists. The servers cannot tell a rename from a removal, nor an
 * old name the new major still maps onto its new one (guc.c's map_old_guc_names), so this is written by hand
 * from the release notes; a test holds it against the table and the real servers.
 *
 * @param name     the setting as the older majors know it
 * @param goneIn   the first major whose pg_settings no longer lists it
 * @param newName  the setting it became, or null when it was removed
 * @param accepted whether {@code goneIn} and later still accept the old name, as the new one
 * @param instead  what to use instead, for a reader, when it was removed
 */
public record Successor(String name, int goneIn, String newName, boolean accepted, String instead) {

    // Each from the "Migration to Version N" section of https://www.postgresql.org/docs/release/N.0/.
    private static final List<Successor> KNOWN = List.of(
            // 14: "Remove server parameter operator_precedence_warning"
            removed("operator_precedence_warning", 14, "nothing: the operator precedence it warned about changed in 9.5"),
            // 14: "Remove server and storage parameter vacuum_cleanup_index_scale_factor"
            removed("vacuum_cleanup_index_scale_factor", 14, "nothing: vacuum decides index cleanup itself"),
            // 15: "Remove server variable stats_temp_directory" (statistics moved to shared memory)
            removed("stats_temp_directory", 15, "nothing: statistics live in shared memory"),
            // 16: "Remove server variable vacuum_defer_cleanup_age"
            removed("vacuum_defer_cleanup_age", 16, "hot_standby_feedback or a physical replication slot"),
            // 16: "Remove server variable promote_trigger_file"
            removed("promote_trigger_file", 16, "pg_ctl promote or SELECT pg_promote()"),
            // 16: "Rename server variable force_parallel_mode to debug_parallel_query"
            new Successor("force_parallel_mode", 16, "debug_parallel_query", false, null),
            // 17: "Remove server variable old_snapshot_threshold"
            removed("old_snapshot_threshold", 17,
                    "idle_in_transaction_session_timeout or statement_timeout, to end long-running snapshots"),
            // 17: "Remove server variable db_user_namespace"
            removed("db_user_namespace", 17, "distinct role names for each database's users"),
            // 17: "Remove server variable trace_recovery_messages"
            removed("trace_recovery_messages", 17, "log_min_messages"),
            // 18: "Rename server variable ssl_ecdh_curve to ssl_groups"; map_old_guc_names still maps the old name
            new Successor("ssl_ecdh_curve", 18, "ssl_groups", true, null));

    /** The successors of every setting that a major from 14 to 18 no longer lists. */
    public static List<Successor> known() {
        return KNOWN;
    }

    /** What replaced this setting in this major; empty when nothing is known of it. */
    static Optional<Successor> of(String name, int goneIn) {
        return KNOWN.stream().filter(s -> s.name.equals(name) && s.goneIn == goneIn).findFirst();
    }

    private static Successor removed(String name, int goneIn, String instead) {
        return new Successor(name, goneIn, null, false, instead);
    }
}
