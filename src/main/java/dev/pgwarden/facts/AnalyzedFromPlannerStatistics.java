package dev.pgwarden.facts;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a table without analyze timestamps (never analyzed, or the counters reset since) was analyzed, from
 * {@code pg_stats}. {@code table_maintenance} leaves it unknown where the role may read the table's columns; a role
 * that may not is judged there from {@code reltuples}. Asked for those tables alone, so a run where every table has
 * its timestamps does not plan a {@code pg_stats} lookup at all.
 */
final class AnalyzedFromPlannerStatistics implements FactFollowUp {

    @Override
    public String queryName() {
        return "planner_statistics";
    }

    @Override
    public List<Record> complete(List<Record> rows, FactReader reader) throws SQLException {
        List<TableMaintenance> unknown = rows.stream().map(TableMaintenance.class::cast)
                .filter(table -> table.analyzed() == null).toList();
        if (unknown.isEmpty()) {
            return rows;
        }
        Set<List<String>> analyzed = reader.read(queryName(), PlannerStatistics.class, Map.of(
                        "schema_names", unknown.stream().map(TableMaintenance::schemaName).toArray(String[]::new),
                        "table_names", unknown.stream().map(TableMaintenance::tableName).toArray(String[]::new),
                        "relkinds", unknown.stream().map(TableMaintenance::relkind).toArray(String[]::new)))
                .stream().map(found -> List.of(found.schemaName(), found.tableName())).collect(Collectors.toSet());
        return rows.stream().map(TableMaintenance.class::cast)
                .<Record>map(table -> table.analyzed() != null ? table
                        : table.withAnalyzed(analyzed.contains(List.of(table.schemaName(), table.tableName()))))
                .collect(Collectors.toUnmodifiableList());
    }
}
