package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static dev.pgwarden.testing.PostgresServers.superuser;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidIndexesCheckTest {

    private static final String CHECK = "invalid-indexes";
    private static final String INDEX = "public.\"Order Items_email_key\"";

    /** A unique index built concurrently over duplicate values: the build fails and leaves it invalid. */
    private static void leaveInvalidUniqueIndex(EmbeddedPostgres pg, String db) throws Exception {
        execute(pg, db, "CREATE TABLE public.\"Order Items\" (id int, email text)",
                "INSERT INTO public.\"Order Items\" VALUES (1, 'a@example.com'), (2, 'a@example.com')");
        assertThatThrownBy(() -> execute(pg, db, "CREATE UNIQUE INDEX CONCURRENTLY \"Order Items_email_key\" ON public.\"Order Items\" (email)"))
                .isInstanceOf(SQLException.class).hasMessageContaining("duplicate");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void failsNamingTheIndexAFailedConcurrentBuildLeftInvalid(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "invalid_ix");
        leaveInvalidUniqueIndex(pg, db);

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly(INDEX);
        Finding finding = result.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("unique index on public.\"Order Items\" is invalid (")
                .endsWith("every write still updates it, no query uses it, and it guards no uniqueness");
        assertThat(finding.remediation()).contains("REINDEX INDEX CONCURRENTLY " + INDEX + ";",
                "DROP INDEX CONCURRENTLY " + INDEX + ";",
                "CREATE UNIQUE INDEX CONCURRENTLY \"Order Items_email_key\" ON public.\"Order Items\" USING btree (email);");
        assertThat(finding.rollback()).contains("CREATE UNIQUE INDEX \"Order Items_email_key\" ON public.\"Order Items\" USING btree (email);");
        assertThat(finding.evidence()).containsEntry("kind", "invalid").containsEntry("is_unique", true)
                .containsEntry("build_in_progress", false).containsEntry("table_name", "public.\"Order Items\"");
    }

    @Test
    void remediationAndRollbackRunAsWrittenOnceTheCauseIsGone() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "invalid_ix_fix");
        leaveInvalidUniqueIndex(pg, db);
        Finding finding = Checks.run(url(pg, db), CHECK).findings().get(0);
        execute(pg, db, "DELETE FROM public.\"Order Items\" WHERE id = 2");

        execute(pg, db, line(finding.remediation(), "REINDEX INDEX CONCURRENTLY"));
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);

        execute(pg, db, line(finding.remediation(), "DROP INDEX CONCURRENTLY"));
        assertThat(queryValue(pg, db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'Order Items'")).isEqualTo(0L);
        execute(pg, db, line(finding.rollback(), "CREATE UNIQUE INDEX"));
        assertThat(queryValue(pg, db, "SELECT indisvalid FROM pg_index WHERE indexrelid = '" + INDEX.replace("'", "''") + "'::regclass"))
                .isEqualTo(true);
    }

    @Test
    void namesTheCopyAnInterruptedReindexConcurrentlyLeftAsOneToDrop() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "invalid_ix_ccnew");
        leaveInvalidUniqueIndex(pg, db);
        assertThatThrownBy(() -> execute(pg, db, "REINDEX INDEX CONCURRENTLY " + INDEX)).isInstanceOf(SQLException.class);

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.findings()).extracting(Finding::object)
                .containsExactlyInAnyOrder(INDEX, "public.\"Order Items_email_key_ccnew\"");
        Finding leftover = result.findings().stream().filter(f -> f.evidence().get("kind").equals("reindex-leftover"))
                .findFirst().orElseThrow();
        assertThat(leftover.remediation()).contains("DROP INDEX CONCURRENTLY public.\"Order Items_email_key_ccnew\";")
                .doesNotContain("REINDEX INDEX");
    }

    /** CREATE INDEX CONCURRENTLY waiting for a writer: its index exists, invalid, until the build ends. */
    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWhileAConcurrentBuildIsStillRunning(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "invalid_ix_building");
        execute(pg, db, "CREATE TABLE public.orders (id int, email text)", "INSERT INTO public.orders VALUES (1, 'a')");
        CompletableFuture<Void> build;
        try (Connection writer = superuser(pg, db)) {
            writer.setAutoCommit(false);
            writer.createStatement().execute("INSERT INTO public.orders VALUES (2, 'b')");
            build = CompletableFuture.runAsync(() -> {
                try {
                    execute(pg, db, "CREATE INDEX CONCURRENTLY orders_email_idx ON public.orders (email)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Polling.untilTrue(pg, db, "SELECT EXISTS (SELECT 1 FROM pg_index WHERE NOT indisvalid"
                    + " AND indexrelid = to_regclass('public.orders_email_idx'))");

            CheckResult whileBuilding = Checks.run(url(pg, db), CHECK);

            assertThat(whileBuilding.status()).as("an index still being built").isEqualTo(Status.PASSED);
            writer.rollback();
        }
        build.get();
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void passesOnAHealthyDatabase() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "invalid_ix_healthy");
        execute(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY, email text)",
                "CREATE UNIQUE INDEX CONCURRENTLY orders_email_key ON public.orders (email)");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    static String line(String text, String prefix) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + prefix + " in\n" + text));
    }
}
