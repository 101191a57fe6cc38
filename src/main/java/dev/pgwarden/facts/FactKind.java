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
 */
public record FactKind(String name, Class<? extends Record> recordType, boolean optional) {

    private static final Map<String, FactKind> KNOWN = new TreeMap<>();

    static {
        register("table_maintenance", TableMaintenance.class);
        register("autovacuum_workers", AutovacuumWorkers.class);
        register("vacuum_horizon", VacuumHorizon.class);
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
        register("logical_slots", LogicalSlot.class);
        register("removed_features", RemovedFeature.class);
        register("pending_restart", PendingSetting.class);
    }

    public FactKind {
        Objects.requireNonNull(name, "fact kind name must not be null");
        Objects.requireNonNull(recordType, "fact record type must not be null");
    }

    private static void register(String name, Class<? extends Record> type) {
        register(name, type, false);
    }

    private static void register(String name, Class<? extends Record> type, boolean optional) {
        KNOWN.put(name, new FactKind(name, type, optional));
    }

    public static Optional<FactKind> named(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static java.util.Set<String> names() {
        return KNOWN.keySet();
    }
}
