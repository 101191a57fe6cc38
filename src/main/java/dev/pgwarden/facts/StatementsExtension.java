package dev.pgwarden.facts;

/**
 * Whether pg_stat_statements can answer in the connected database.
 *
 * @param preloaded         listed in shared_preload_libraries as the server runs now
 * @param loaded            the library is loaded (its settings exist)
 * @param created           the extension exists in the connected database
 * @param proposedLibraries today's shared_preload_libraries plus pg_stat_statements, one literal each
 */
public record StatementsExtension(
        String serverName,
        String databaseName,
        String sharedPreloadLibraries,
        boolean preloaded,
        boolean loaded,
        boolean preloadPendingRestart,
        boolean created,
        String extensionVersion,
        String extensionSchema,
        String proposedLibraries) {

    /** Why statement statistics cannot be read here, or null when they can. */
    public String unavailableReason() {
        if (!loaded) {
            return "pg_stat_statements is not loaded: it is not in shared_preload_libraries ('" + sharedPreloadLibraries
                    + "') of the running server (see check pg-stat-statements-missing)";
        }
        if (!created) {
            return "pg_stat_statements is loaded but not created in database " + databaseName
                    + ": CREATE EXTENSION pg_stat_statements; (see check pg-stat-statements-missing)";
        }
        return null;
    }
}
