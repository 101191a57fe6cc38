package dev.pgwarden.facts;

/**
 * A setting given a value somewhere that an upgrade carries over, or running at its built-in default (fact kind
 * {@code settings_in_use}, read from {@code sql/settings_in_use.sql}): one fact per place it is set.
 *
 * @param level            {@code default}, {@code configuration file}, {@code ALTER SYSTEM} (postgresql.auto.conf),
 *                         {@code command line}, {@code database}, {@code role} or {@code role in database}
 * @param databaseName     the database of a database or role-in-database value; null otherwise
 * @param roleName         the role of a role or role-in-database value; null otherwise
 * @param value            the value set there, with its unit ({@code 1000}, {@code 4096kB}, {@code on})
 * @param context          pg_settings.context; null for a name this server does not know
 * @param location         where it is set: {@code /etc/postgresql.conf line 12}, {@code database app}, ...
 * @param removeStatement  takes the value away where it is set; null at the default
 * @param restoreStatement sets it back there; null at the default
 * @param setCommand       sets another setting at the same level, up to the name
 *                         ({@code ALTER DATABASE app SET}); null at the default
 * @param applyStatement   the reload (or the note of a restart) a server-wide change needs; empty otherwise
 */
public record SettingInUse(String name, String level, String databaseName, String roleName, String value, String context,
        String location, String removeStatement, String restoreStatement, String setCommand, String applyStatement)
        implements CatalogObject {

    public SettingInUse {
        java.util.Objects.requireNonNull(name, "setting name must not be null");
        java.util.Objects.requireNonNull(level, "setting level must not be null");
    }

    /** Whether the value is set somewhere rather than built in. */
    public boolean set() {
        return !level.equals("default");
    }

    @Override
    public String objectName() {
        return switch (level) {
            case "database", "role", "role in database" -> name + " for " + location;
            default -> name;
        };
    }
}
