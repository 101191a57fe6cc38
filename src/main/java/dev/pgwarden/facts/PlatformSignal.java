package dev.pgwarden.facts;

import java.util.Objects;

/**
 * The signs of one managed PostgreSQL service found on the server (fact kind {@code platform_signals}, read
 * from {@code sql/platform_signals.sql}): its own settings, its administrative roles, for Aurora its
 * {@code aurora_version()} function. Only providers with at least one sign have a row.
 *
 * @param provider  {@code rds}, {@code aurora}, {@code cloudsql}, {@code alloydb} or {@code azure}
 * @param decisive  a setting only that provider has was found ({@code rds.extensions}, {@code azure.extensions}, ...)
 * @param signCount how many distinct signs were found
 * @param signs     the signs, such as {@code role rds_superuser, setting rds.extensions}
 */
public record PlatformSignal(String provider, boolean decisive, int signCount, String signs) {

    public PlatformSignal {
        Objects.requireNonNull(provider, "provider must not be null");
        signs = signs == null ? "" : signs;
    }
}
