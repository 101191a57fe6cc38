package dev.pgwarden.facts;

/**
 * A {@code CREATE STATISTICS} object and whether the planner has its data, as pg_stats_ext shows it to this role.
 *
 * @param visible  whether pg_stats_ext would show this object's data to this role; when false, {@code hasData}
 *                 says nothing
 * @param hasData  whether an ANALYZE built any of its kinds
 * @param kinds    the kinds it was created with (ndistinct, dependencies, mcv, expressions)
 */
public record ExtendedStatistics(
        String statisticsName,
        String tableName,
        String tableOwner,
        String definition,
        String kinds,
        boolean visible,
        boolean hasData,
        String analyzeStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return statisticsName;
    }
}
