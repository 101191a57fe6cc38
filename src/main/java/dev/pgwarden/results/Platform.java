package dev.pgwarden.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the checked server runs, which decides how a server-wide setting is changed: with ALTER SYSTEM on a
 * self-managed server, through the provider's parameter group or database flags on a managed service.
 */
public enum Platform {
    SELF_MANAGED("self-managed", "a self-managed server"),
    RDS("rds", "Amazon RDS for PostgreSQL"),
    AURORA("aurora", "Amazon Aurora PostgreSQL"),
    CLOUDSQL("cloudsql", "Google Cloud SQL for PostgreSQL"),
    ALLOYDB("alloydb", "Google AlloyDB for PostgreSQL"),
    AZURE("azure", "Azure Database for PostgreSQL Flexible Server");

    private final String id;
    private final String title;

    Platform(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** As {@code --platform} takes it and reports record it: {@code self-managed}, {@code rds}, ... */
    public String id() {
        return id;
    }

    /** The service's name, for sentences. */
    public String title() {
        return title;
    }

    public boolean managed() {
        return this != SELF_MANAGED;
    }

    public static Optional<Platform> named(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }
}
