package dev.pgwarden.facts;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A kind of fact: the name rules' metadata lists under {@code facts}, the SQL resource that reads it and
 * the record each row becomes.
 *
 * @param optional whether the query reads an extension's objects, so that their absence means no
 *                 facts rather than a check that cannot run
 * @param grant    what gives a role the privilege to read it, for the reason a check without it is skipped
 */
public record FactKind(String name, Class<? extends Record> recordType, boolean optional, String grant) {

    private static final Map<String, FactKind> KNOWN = new TreeMap<>();
    private static final Map<String, FactFollowUp> FOLLOW_UPS = Map.of("table_maintenance", new AnalyzedFromPlannerStatistics());

    static {
        register("table_maintenance", TableMaintenance.class);
        register("autovacuum_launcher", AutovacuumLauncher.class);
        register("vacuum_horizon", VacuumHorizon.class);
        register("table_lock_holders", TableLockHolder.class);
        register("database_age", DatabaseAge.class);
        register("table_xid_age", TableXidAge.class);
        register("xid_horizon", XidHorizon.class);
        register("connection_usage", ConnectionUsage.class);
        register("table_scans", TableScans.class);
        register("io_settings", IoSettings.class);
        register("table_definitions", TableDefinition.class);
        register("measurements", Measurement.class);
        register("statement_measurements", Measurement.class, true);
        register("prepared_xacts", PreparedXact.class);
        register("reg_type_columns", RegTypeColumn.class);
        register("invalid_indexes", InvalidIndex.class);
        register("replication_slots", ReplicationSlot.class);
        register("removed_features", RemovedFeature.class);
        register("pending_restart", PendingSetting.class);
        register("stats_visibility", StatsVisibility.class);
        register("client_backends", ClientBackend.class);
        register("lock_waits", LockWait.class);
        register("replication_standbys", Standby.class);
        register("replication_state", ReplicationState.class);
        register("wal_archiver", WalArchiver.class);
        register("checkpoint_activity", CheckpointActivity.class);
        register("database_activity", DatabaseActivity.class);
        register("wal_usage", WalUsage.class);
        register("pg_stat_statements_status", StatementsExtension.class);
        register("statement_latency", StatementLatency.class, true);
        register("autovacuum_workers", AutovacuumWorkers.class);
        register("autovacuum_backlog", AutovacuumBacklog.class);
        register("server_paths", ServerPaths.class);
        register("bulk_reads", BulkReads.class);
        register("server_settings", ServerSetting.class);
        register("redundant_indexes", RedundantIndex.class);
        register("foreign_keys_without_index", UnindexedForeignKey.class);
        register("unused_indexes", UnusedIndex.class);
        register("table_bloat", TableBloat.class);
        register("index_bloat", IndexBloat.class);
        register("tables_without_primary_key", TableWithoutPrimaryKey.class);
        register("sequence_usage", SequenceUsage.class);
        register("public_create_schemas", PublicCreateSchema.class);
        register("privileged_roles", PrivilegedRole.class);
        register("streaming_standbys", StreamingStandbys.class);
        register("unencrypted_sessions", UnencryptedSessions.class);
        register("platform_signals", PlatformSignal.class);
        register("settings_in_use", SettingInUse.class);
        register("extended_statistics", ExtendedStatistics.class);
        register("collation_versions", CollationVersionMismatch.class);
        register("login_roles", LoginRole.class);
        register("tablespace_locations", TablespaceLocation.class);
        register("available_extensions", AvailableExtension.class);
        KNOWN.put("hba_rules", new FactKind("hba_rules", HbaRule.class, false, "as a superuser, GRANT SELECT ON"
                + " pg_hba_file_rules TO the role and GRANT EXECUTE ON FUNCTION pg_hba_file_rules() TO it; pg_monitor does not include it"));
    }

    public FactKind {
        Objects.requireNonNull(name, "fact kind name must not be null");
        Objects.requireNonNull(recordType, "fact record type must not be null");
        grant = grant == null ? "grant the role pg_monitor" : grant;
    }

    public FactKind(String name, Class<? extends Record> recordType, boolean optional) {
        this(name, recordType, optional, null);
    }

    private static void register(String name, Class<? extends Record> type) {
        register(name, type, false);
    }

    private static void register(String name, Class<? extends Record> type, boolean optional) {
        KNOWN.put(name, new FactKind(name, type, optional));
    }

    /** The column of a fact query that fills a record component: {@code nDeadTup} comes from {@code n_dead_tup}. */
    public static String column(String componentName) {
        return componentName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The query that completes this kind's rows after its own, where one may have to. */
    Optional<FactFollowUp> followUp() {
        return Optional.ofNullable(FOLLOW_UPS.get(name));
    }

    public static Optional<FactKind> named(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static java.util.Set<String> names() {
        return KNOWN.keySet();
    }
}
