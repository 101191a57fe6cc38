package dev.pgwarden.facts;

/**
 * An object that a later major no longer accepts: a pg_upgrade blocker.
 *
 * @param feature     what kind of thing it is, e.g. {@code postfix-operator}; also the finding kind
 * @param objectName  the object as SQL names it
 * @param removedIn   the first major that no longer accepts it
 * @param changeStatement       what to run on the old server before the upgrade
 * @param restoreStatement      what puts the old server back as it was
 * @param afterUpgradeStatement what gives the feature back on the new server in its new form; may be null
 */
public record RemovedFeature(
        String feature,
        String objectName,
        int removedIn,
        String detail,
        String changeStatement,
        String restoreStatement,
        String afterUpgradeStatement) implements CatalogObject {
}
