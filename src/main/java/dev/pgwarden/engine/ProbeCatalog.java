package dev.pgwarden.engine;

import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.ProbeRelation;
import dev.pgwarden.probe.LockWaitTrace;
import dev.pgwarden.probe.RelationReadTrace;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Names the relations a probe file holds as numbers, through the checked database's catalog
 * ({@code sql/probe_relations.sql}), once per run for all of them.
 */
final class ProbeCatalog {

    private static final String QUERY = "probe_relations";
    private final FactReader reader;

    ProbeCatalog(FactReader reader) {
        this.reader = reader;
    }

    /** By {@link #key}; a relation the catalog could not be asked about is absent. */
    Map<String, ProbeRelation> name(List<LockWaitTrace> locks, List<RelationReadTrace> reads) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        locks.stream().filter(l -> l.relationOid() != 0).forEach(l -> {
            kinds.add("relation");
            rows.add(new long[] {l.databaseOid(), 0, l.relationOid()});
        });
        reads.forEach(r -> {
            kinds.add("file");
            rows.add(new long[] {r.databaseOid(), r.tablespaceOid(), r.relfilenode()});
        });
        Map<String, ProbeRelation> named = new HashMap<>();
        if (rows.isEmpty()) {
            return named;
        }
        Map<String, Object> bindings = Map.of("kinds", String.join(",", kinds), "database_oids", column(rows, 0),
                "tablespace_oids", column(rows, 1), "object_ids", column(rows, 2));
        for (ProbeRelation relation : reader.read(QUERY, ProbeRelation.class, bindings)) {
            named.put(key(relation.kind(), relation.databaseOid(), relation.objectId()), relation);
        }
        return named;
    }

    static String key(String kind, long databaseOid, long objectId) {
        return kind + ":" + databaseOid + ":" + objectId;
    }

    private static String column(List<long[]> rows, int index) {
        return rows.stream().map(r -> Long.toString(r[index])).collect(Collectors.joining(","));
    }
}
