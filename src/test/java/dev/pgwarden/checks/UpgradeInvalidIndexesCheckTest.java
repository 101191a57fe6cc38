package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.UpgradeServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeInvalidIndexesCheckTest {

    /** A unique index built concurrently over duplicate values: the build fails and leaves it invalid. */
    private static void leaveInvalidUniqueIndex(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db, "CREATE TABLE public.customers (email text)",
                "INSERT INTO public.customers VALUES ('a@example.com'), ('a@example.com')");
        assertThatThrownBy(() -> execute(pg, db, "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers (email)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("duplicate");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsForIndexLeftInvalidByAFailedConcurrentBuild(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "invalidix");
        leaveInvalidUniqueIndex(pg, db);

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-invalid-indexes");

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(finding.object()).isEqualTo("public.customers_email_key");
        assertThat(finding.message()).contains("unique index on public.customers is invalid");
        assertThat(finding.remediation()).contains("REINDEX INDEX CONCURRENTLY public.customers_email_key;",
                "DROP INDEX CONCURRENTLY public.customers_email_key;",
                "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON public.customers USING btree (email);");
        assertThat(finding.rollback()).contains("CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (email);");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void namesTheCopyAFailedReindexConcurrentlyLeftBehindAsOneToDrop(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "ccnew");
        leaveInvalidUniqueIndex(pg, db);
        assertThatThrownBy(() -> execute(pg, db, "REINDEX INDEX CONCURRENTLY public.customers_email_key"))
                .isInstanceOf(SQLException.class);

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-invalid-indexes");

        Finding leftover = result.findings().stream().filter(f -> f.evidence().get("kind").equals("reindex-leftover"))
                .findFirst().orElseThrow();
        assertThat(leftover.object()).isEqualTo("public.customers_email_key_ccnew");
        assertThat(leftover.remediation()).contains("DROP INDEX CONCURRENTLY public.customers_email_key_ccnew;")
                .doesNotContain("REINDEX INDEX");
        assertThat(leftover.rollback()).contains("CREATE UNIQUE INDEX customers_email_key_ccnew ON public.customers USING btree (email);");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesOnceTheCauseIsGoneAndTheIndexRebuilt(int major) throws Exception {
        EmbeddedPostgres pg = UpgradeServers.get(major);
        String db = createDatabase(pg, "validix");
        leaveInvalidUniqueIndex(pg, db);
        execute(pg, db, "DELETE FROM public.customers WHERE ctid = (SELECT max(ctid) FROM public.customers)",
                "REINDEX INDEX CONCURRENTLY public.customers_email_key");

        CheckResult result = Checks.runForUpgrade(url(pg, db), 18, "upgrade-invalid-indexes");

        assertThat(result.status()).isEqualTo(Status.PASSED);
    }
}
