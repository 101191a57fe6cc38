package dev.pgwarden.facts;

/**
 * Whether pg_stat_statements can answer in the connected database.
 *
 * @param preloaded         listed in shared_preload_libraries as the server runs now
 * @param loaded            the library is loaded (its settings exist)
 * @param created           the extension exists in the connected database
 * @param visible           its view is found by the search_path, unqualified
 * @param outdated          older than the columns this server's query reads (not updated after pg_upgrade)
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
        boolean visible,
        Boolean outdated,
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
        if (!visible) {
            return "pg_stat_statements is created in schema " + extensionSchema + ", which is not on the search_path"
                    + " of this session: ALTER ROLE <this role> SET search_path = ..., " + extensionSchema;
        }
        if (Boolean.TRUE.equals(outdated)) {
            return "pg_stat_statements " + extensionVersion + " in database " + databaseName + " is older than this server's"
                    + " (not updated after an upgrade?): ALTER EXTENSION pg_stat_statements UPDATE;";
        }
        return null;
    }
}
