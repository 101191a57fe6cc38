package dev.pgwarden.facts;

/**
 * A setting whose changed value waits for a server restart (pg_settings.pending_restart).
 *
 * @param runningValue      the value in force now, as current_setting() shows it
 * @param runningSource     where the running value came from (pg_settings.source)
 * @param pendingValueQuery the pg_file_settings query that shows the pending value (superusers only)
 * @param restoreStatement  keeps the running value across the restart: ALTER SYSTEM SET to it
 */
public record PendingSetting(
        String name,
        String runningValue,
        String setting,
        String unit,
        String context,
        String runningSource,
        String runningSourcefile,
        Integer runningSourceline,
        String pendingValueQuery,
        String restoreStatement) implements CatalogObject {

    @Override
    public String objectName() {
        return name;
    }
}
