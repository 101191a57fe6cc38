package dev.pgwarden.facts;

/**
 * What holds one database's transaction ID horizon back, so that freezing cannot advance its
 * datfrozenxid past it: backends with a snapshot or transaction ID (of any database: datfrozenxid counts
 * the shared catalogs, whose horizon is the cluster's), prepared transactions, replication slots and
 * standby feedback.
 *
 * <p>A holder is named only when it is a material share of the database's age (the query's
 * {@code holder_share} and {@code warn_age} bounds): a freeze brings the age down to about the oldest
 * holder's, so a holder much younger than the database does not stop the freeze from helping.
 *
 * @param databaseAge       age(datfrozenxid) of the database when the holders were read
 * @param holdersNamed      holders old enough to name
 * @param oldestHolder      the oldest holder of any age ({@code backend 4242}, {@code replication slot 'x'}),
 *                          named or not; null when there is none
 * @param oldestHolderAge   its age in transactions; null when there is none
 * @param releaseStatements a statement that would release each named holder, one per line; empty when none
 * @param horizonAdvice     the remediation's sentence: end these holders first, or nothing holds the
 *                          horizon back and the freeze can proceed
 */
public record XidHorizon(
        String databaseName,
        long databaseAge,
        long holdersNamed,
        String oldestHolder,
        Long oldestHolderAge,
        String releaseStatements,
        String horizonAdvice) {
}
