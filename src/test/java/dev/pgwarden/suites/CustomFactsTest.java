package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static dev.pgwarden.testing.PostgresServers.queryValue;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rules directory's own SQL as facts, against a real server: the business-invariant example of
 * docs/writing-rules.md failing and passing, its remediation and rollback run as written, the queries bound
 * by the run's read-only session and timeouts, server errors kept to their check, and bad declarations
 * turned into exit 2 before any check runs.
 */
class CustomFactsTest {

    static final Path EXAMPLE = Path.of("docs/examples/business-rules");
    static final String ID = "orders-stuck-pending";
    static EmbeddedPostgres pg;
    @TempDir
    Path dir;

    @BeforeAll
    static void server() {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
    }

    private static String shop(String prefix, String... orders) throws Exception {
        String db = createDatabase(pg, prefix);
        execute(pg, db, "CREATE TABLE public.orders (id bigint PRIMARY KEY, state text NOT NULL, state_since timestamptz NOT NULL)");
        for (String values : orders) {
            execute(pg, db, "INSERT INTO public.orders VALUES " + values);
        }
        return db;
    }

    @Test
    void exampleFailsNamingTheOrderPendingLongerThanMaxPendingAndItsRollbackRestoresIt() throws Exception {
        String db = shop("stuck", "(1, 'pending', now() - interval '3 hours')", "(2, 'pending', now() - interval '5 minutes')",
                "(3, 'paid', now() - interval '2 days')");
        Object since = queryValue(pg, db, "SELECT state_since FROM public.orders WHERE id = 1");

        CheckResult result = Checks.runWithRules(url(pg, db), EXAMPLE, ID);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Finding finding = result.findings().get(0);
        assertThat(result.findings()).hasSize(1);
        assertThat(finding.object()).isEqualTo("orders/1");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).isEqualTo("order 1 has been pending for 3.0 h (limit 1.0 h)");
        assertThat(finding.evidence()).containsEntry("order_id", 1).containsEntry("state", "pending").containsKey("pending_s");
        String stateSince = String.valueOf(finding.evidence().get("state_since"));
        assertThat(finding.remediation()).contains("UPDATE public.orders SET state = 'paid', state_since = now() WHERE id = 1 AND state_since = '"
                + stateSince + "';");
        String rollback = finding.rollback().lines().filter(l -> l.contains("UPDATE")).findFirst().orElseThrow().strip();
        assertThat(rollback).isEqualTo("UPDATE public.orders SET state = 'pending', state_since = '" + stateSince + "' WHERE id = 1;");

        String confirm = finding.remediation().lines().filter(l -> l.contains("'paid'")).findFirst().orElseThrow().strip();
        execute(pg, db, confirm);
        assertThat(queryValue(pg, db, "SELECT state FROM public.orders WHERE id = 1")).isEqualTo("paid");
        execute(pg, db, rollback);
        assertThat(queryValue(pg, db, "SELECT state FROM public.orders WHERE id = 1")).isEqualTo("pending");
        assertThat(queryValue(pg, db, "SELECT state_since FROM public.orders WHERE id = 1")).isEqualTo(since);
    }

    @Test
    void examplePassesWhenNoOrderIsPendingLongerThanMaxPending() throws Exception {
        String db = shop("flowing", "(2, 'pending', now() - interval '5 minutes')", "(3, 'paid', now() - interval '2 days')");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", EXAMPLE.toString(), "--check", ID, "--format", "console");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("passed   " + ID);
    }

    @Test
    void aRoleWithOnlyPgMonitorSkipsNamingThePrivilegeTheQueryLacks() throws Exception {
        String db = shop("monitor", "(1, 'pending', now() - interval '3 hours')");
        String role = db + "_monitor";
        execute(pg, db, "CREATE ROLE " + role + " LOGIN", "GRANT pg_monitor TO " + role);

        CheckResult result = Checks.runWithRules(url(pg, db).replace("user=postgres", "user=" + role), EXAMPLE, ID);

        assertThat(result.status()).isEqualTo(Status.SKIPPED);
        assertThat(result.reason()).contains("permission denied for table orders",
                "grant the role SELECT on what the query of " + EXAMPLE.resolve(ID + ".yaml") + ": key 'custom_facts.stuck_orders' reads");
    }

    @Test
    void aQueryThatWritesFailsInTheReadOnlySessionAndOneThatRunsLongHitsTheStatementTimeoutForItsCheckAlone() throws Exception {
        String db = shop("bounded", "(1, 'pending', now() - interval '3 hours')");
        Path rules = Files.createDirectories(dir.resolve("bounded"));
        countingCheck(rules, "writer",
                "WITH gone AS (DELETE FROM public.orders RETURNING id) SELECT count(*) AS n FROM gone");
        countingCheck(rules, "sleeper", "SELECT count(*) AS n FROM pg_sleep(5)");

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", rules.toString(), "--check", "writer", "--check", "sleeper",
                "--check", "xid-age", "--statement-timeout", "300ms", "--format", "console");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("ERROR    writer", "read-only transaction", "ERROR    sleeper", "exceeded statement_timeout",
                "passed   xid-age");
        assertThat(queryValue(pg, db, "SELECT count(*) FROM public.orders")).isEqualTo(1L);
    }

    @Test
    void aNameWithAQuoteAndASemicolonStaysOneNameInTheRemediationWhenQuotedByTheTemplate() throws Exception {
        String db = createDatabase(pg, "quoting");
        String table = "o'; DROP TABLE public.keep; --";
        execute(pg, db, "CREATE TABLE public.keep (id int)", "CREATE SCHEMA \"Sales \"\"EU\"\"\"",
                "CREATE TABLE \"Sales \"\"EU\"\"\".\"o'; DROP TABLE public.keep; --\" (id int)");
        Path rules = Files.createDirectories(dir.resolve("quoting"));
        Files.writeString(rules.resolve("uncommented.yaml"), """
                id: uncommented
                title: Every table says what it holds
                category: design
                severity: warning
                description: Names every table of a user schema without a comment.
                custom_facts:
                  uncommented:
                    sql: |
                      SELECT n.nspname AS schema_name, c.relname AS table_name
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relkind = 'r' AND n.nspname = 'Sales "EU"' AND obj_description(c.oid, 'pg_class') IS NULL
                    columns: {schema_name: text, table_name: text}
                    object: [schema_name, table_name]
                findings:
                  uncommented:
                    remediation: "COMMENT ON TABLE {schema_name|ident}.{table_name|ident} IS {table_name|literal};"
                    rollback: "COMMENT ON TABLE {schema_name|ident}.{table_name|ident} IS NULL;"
                """);
        Files.writeString(rules.resolve("uncommented.drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.Row;
                global dev.pgwarden.rules.FindingSink findings;
                rule "uncommented"
                when
                    $r : Row(fact == "uncommented")
                then
                    findings.report("uncommented", $r, "no comment");
                end
                """);

        CheckResult result = Checks.runWithRules(url(pg, db), rules, "uncommented");

        assertThat(result.findings()).singleElement().satisfies(finding -> assertThat(finding.remediation())
                .isEqualTo("COMMENT ON TABLE \"Sales \"\"EU\"\"\".\"o'; DROP TABLE public.keep; --\" IS 'o''; DROP TABLE public.keep; --';"));
        execute(pg, db, result.findings().get(0).remediation());
        assertThat(queryValue(pg, db, "SELECT count(*) FROM pg_class WHERE relname = 'keep'")).isEqualTo(1L);
        assertThat(queryValue(pg, db, "SELECT obj_description(c.oid, 'pg_class') FROM pg_class c WHERE relname = 'o''; DROP TABLE public.keep; --'"))
                .isEqualTo(table);
    }

    /** A check of its own id reading one bigint column n with the given SQL, failing when n is above 0. */
    private static void countingCheck(Path rules, String id, String sql) throws Exception {
        Files.writeString(rules.resolve(id + ".yaml"), """
                id: %s
                title: A check on its own query
                category: business
                severity: warning
                description: Fails when the query counts anything.
                custom_facts:
                  counted:
                    sql: "%s"
                    columns: {n: bigint}
                findings:
                  counted: {remediation: "Look at {object}.", rollback: "Nothing to undo."}
                """.formatted(id, sql));
        Files.writeString(rules.resolve(id + ".drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.Row;
                global dev.pgwarden.rules.FindingSink findings;
                rule "counted"
                when
                    $r : Row(fact == "counted", longValue("n") > 0)
                then
                    findings.report("counted", $r, "counted " + $r.longValue("n"));
                end
                """);
    }

    @Test
    void sqlThatCannotParseAColumnMissingAndATypeMismatchAreExit2NamingFileAndKeyBeforeAnyCheckRuns() throws Exception {
        String db = shop("badsql", "(1, 'pending', now() - interval '3 hours')");
        record Case(String from, String to, String expected) {
        }
        List<Case> cases = List.of(
                new Case("FROM public.orders", "FROM public.orders WHERE WHERE",
                        "key 'custom_facts.stuck_orders': the server cannot parse the query of stuck_orders [42601]"),
                new Case("      pending_s: double", "      pending_s: double\n      customer: text",
                        "key 'custom_facts.stuck_orders.columns.customer': the query of stuck_orders returns no column 'customer'"),
                new Case("      order_ref: text", "      order_ref: bigint",
                        "key 'custom_facts.stuck_orders.columns.order_ref': declared bigint, but the query returns text"));
        for (Case c : cases) {
            Path rules = Files.createDirectories(dir.resolve("bad" + cases.indexOf(c)));
            Files.copy(EXAMPLE.resolve(ID + ".drl"), rules.resolve(ID + ".drl"));
            Files.writeString(rules.resolve(ID + ".yaml"), Files.readString(EXAMPLE.resolve(ID + ".yaml")).replace(c.from(), c.to()));

            CliRun run = CliRun.of("check", "--url", url(pg, db), "--rules", rules.toString(), "--format", "console");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("pgwarden: " + rules.resolve(ID + ".yaml") + ": " + c.expected());
            assertThat(run.out()).doesNotContain("passed");
        }
    }

    @Test
    void queriesPgwardenExportsForPostgresExporterServeAsFactsOfACheck() throws Exception {
        String db = createDatabase(pg, "exported");
        Path rules = Files.createDirectories(dir.resolve("exported"));
        CliRun export = CliRun.of("export", "postgres-exporter-queries", "--check", "xid-age", "--out", rules.resolve("queries.yaml").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Files.writeString(rules.resolve("xid-age-gauge.yaml"), """
                id: xid-age-gauge
                title: The exporter's transaction age stays low
                category: wraparound
                severity: warning
                description: Judges postgres_exporter's own query for the oldest database's transaction age.
                facts_from: {file: queries.yaml, queries: [pgwarden_xid_age]}
                parameters:
                  max_age: {type: integer, default: "1500000000", unit: transactions, meaning: fail above this}
                findings:
                  old: {remediation: "VACUUM the oldest tables ({max}).", rollback: "Nothing to undo: VACUUM changes no data."}
                """);
        Files.writeString(rules.resolve("xid-age-gauge.drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.Row;
                global dev.pgwarden.rules.FindingSink findings;
                rule "old"
                when
                    $p : Parameters(check == "xid-age-gauge")
                    $r : Row(fact == "pgwarden_xid_age", text("check") == "xid-age", doubleValue("max") > $p.doubleValue("max_age"))
                then
                    findings.report("old", $r, "age " + $r.doubleValue("max"));
                end
                """);

        CheckResult healthy = Checks.runWithRules(url(pg, db), rules, "xid-age-gauge");
        CheckResult old = Checks.runWithRules(url(pg, db), rules, "xid-age-gauge", "max_age=0");

        assertThat(healthy.status()).as(healthy.reason()).isEqualTo(Status.PASSED);
        assertThat(old.status()).isEqualTo(Status.FAILED);
        assertThat(old.findings()).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("pgwarden_xid_age");
            assertThat(f.evidence()).containsEntry("check", "xid-age").containsKey("max");
            assertThat(f.remediation()).startsWith("VACUUM the oldest tables (");
        });
    }
}
