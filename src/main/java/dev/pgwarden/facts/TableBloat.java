package dev.pgwarden.facts;

/**
 * A table's free and dead space: estimated from planner statistics, and measured with pgstattuple_approx
 * when that was asked for and possible (see table_bloat.sql).
 *
 * @param statsReadable        whether this role can read the table's pg_stats rows (needs SELECT on it)
 * @param estimable            whether every column has statistics (none of type name) and reltuples is known
 * @param estimatedWastedBytes null unless estimable
 * @param measured             whether pgstattuple_approx measured it
 * @param measuredWastedBytes  approximate free space plus dead tuples of the heap; null unless measured
 * @param measureUnavailable   why a requested measurement could not run; null when it ran or was not asked for
 */
public record TableBloat(
        String tableName,
        long tableBytes,
        String tableSize,
        boolean statsReadable,
        boolean estimable,
        Long estimatedWastedBytes,
        Double estimatedBloatFraction,
        boolean measured,
        Long measuredWastedBytes,
        Double measuredBloatFraction,
        String measureUnavailable) implements CatalogObject {

    @Override
    public String objectName() {
        return tableName;
    }
}
