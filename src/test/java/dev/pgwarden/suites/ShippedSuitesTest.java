package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.Main;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.SuiteLoader;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite the jar ships runs against a real, healthy database and passes (or skips what needs more input).
 * Healthy includes pg_stat_statements, which compliance-audit requires: the class starts a server of its own
 * with the library preloaded, and each database creates the extension.
 */
class ShippedSuitesTest {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    static List<String> suites() throws Exception {
        return new SuiteLoader().builtInNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void runsAgainstARealDatabaseAndPasses(String suite) throws Exception {
        String db = createDatabase(pg, "suite");
        PostgresServers.execute(pg, db, "CREATE EXTENSION pg_stat_statements");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"check", "--url", url(pg, db), "--suite", suite, "--format", "console",
                "--target-version", "18"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(out + "\n" + err).isZero();
        var expected = new SuiteLoader().load(suite).checks().keySet();
        assertThat(expected).isNotEmpty().isSubsetOf(RuleCatalog.builtIn().ids());
        expected.forEach(id -> assertThat(out.toString()).contains(" " + id + " "));
    }
}
