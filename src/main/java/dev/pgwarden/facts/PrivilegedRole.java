package dev.pgwarden.facts;

import java.time.Instant;

/**
 * A role other than the bootstrap superuser that can log in and is a superuser or bypasses row security.
 *
 * @param roleName   quoted for SQL
 * @param validUntil when its password stops working; null for never
 */
public record PrivilegedRole(
        String roleName,
        boolean superuser,
        boolean bypassRls,
        boolean createRole,
        boolean replication,
        int connectionLimit,
        Instant validUntil) implements CatalogObject {

    @Override
    public String objectName() {
        return roleName;
    }
}
