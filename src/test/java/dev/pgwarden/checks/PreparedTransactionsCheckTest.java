package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.UpgradeServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Prepared transactions are cluster-wide: each test finishes the one it prepared. */
class PreparedTransactionsCheckTest {

    private static final String CHECK = "prepared-transactions";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheOrphanedTransactionItsOwnerAndDatabase(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "orphaned");
        String monitor = "monitor_" + db;
        execute(pg, db, "CREATE ROLE " + monitor + " LOGIN IN ROLE pg_monitor", "CREATE TABLE public.payments (id int)",
                "BEGIN", "INSERT INTO public.payments VALUES (1)", "PREPARE TRANSACTION 'xa:payment''s-" + major + "'");
        try {
            CheckResult young = Checks.run(url(pg, db), CHECK);
            CheckResult result = Checks.run(url(pg, db), CHECK, "max_age=0s");
            CheckResult asMonitor = Checks.run(url(pg, db).replace("user=postgres", "user=" + monitor), CHECK, "max_age=0s");

            assertThat(young.status()).as("younger than the default 5min").isEqualTo(Status.PASSED);
            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.findings()).extracting(Finding::object).containsExactly("'xa:payment''s-" + major + "'");
            Finding finding = result.findings().get(0);
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.message()).startsWith("prepared 00:00:0").contains("(limit 0 s) by postgres in database " + db);
            assertThat(finding.remediation()).contains("COMMIT PREPARED 'xa:payment''s-" + major + "';",
                    "ROLLBACK PREPARED 'xa:payment''s-" + major + "';", "psql -d " + db);
            // The test server gets max_prepared_transactions on its command line, which outranks ALTER SYSTEM.
            assertThat(finding.remediation()).contains("max_prepared_transactions is 5\nnow (from command line)",
                    "ALTER SYSTEM SET max_prepared_transactions = '0';", "is set on the server's command line");
            assertThat(finding.rollback()).contains("None is possible", "must be run again by its client",
                    "-- max_prepared_transactions is set on the server's command line");
            assertThat(finding.evidence()).containsEntry("owner", "postgres").containsEntry("database_name", db);
            assertThat(asMonitor.findings()).extracting(Finding::object).containsExactly("'xa:payment''s-" + major + "'");
        } finally {
            execute(pg, db, "ROLLBACK PREPARED 'xa:payment''s-" + major + "'");
        }
    }
}
