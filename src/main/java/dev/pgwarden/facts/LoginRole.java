package dev.pgwarden.facts;

/**
 * A role that can log in (fact kind {@code login_roles}), with what the CIS controls on roles ask of it.
 *
 * @param roleName        quoted for SQL
 * @param name            as the catalog spells it, as pg_hba.conf names it
 * @param connectionLimit rolconnlimit; -1 for none (superusers are never held to it)
 * @param bootstrap       the bootstrap superuser, which initdb made (oid 10)
 */
public record LoginRole(String roleName, String name, boolean superuser, boolean replication, int connectionLimit,
                        boolean bootstrap) implements CatalogObject {

    @Override
    public String objectName() {
        return roleName;
    }
}
