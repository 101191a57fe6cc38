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
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableWithoutPrimaryKeyCheckTest {

    private static final String CHECK = "table-without-primary-key";

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void failsForEachTableWithoutAKeyAndJudgesAPartitionedTableOnceAtItsParent(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "nopk");
        execute(pg, db,
                "CREATE TABLE public.audit_log (at timestamptz, line text)",
                "INSERT INTO public.audit_log SELECT now(), 'line ' || g FROM generate_series(1, 5000) g",
                "CREATE TABLE public.accounts (code text NOT NULL, name text)",
                "CREATE UNIQUE INDEX accounts_code_key ON public.accounts (code)",
                "INSERT INTO public.accounts SELECT 'a' || g, 'n' FROM generate_series(1, 3000) g",
                // 1,500 rows in each partition: over min_rows only together.
                "CREATE TABLE public.events (id bigint, at date) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO public.events SELECT g, CASE WHEN g % 2 = 0 THEN date '2025-06-01' ELSE date '2026-06-01' END FROM generate_series(1, 3000) g",
                "CREATE TABLE public.countries (code text, name text)",
                "INSERT INTO public.countries SELECT 'c' || g, 'n' FROM generate_series(1, 200) g",
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "INSERT INTO public.orders SELECT g, g FROM generate_series(1, 5000) g",
                "CREATE TABLE public.replicated (at timestamptz, line text)",
                "INSERT INTO public.replicated SELECT now(), 'r' FROM generate_series(1, 2000) g",
                "ALTER TABLE public.replicated REPLICA IDENTITY FULL",
                "VACUUM ANALYZE");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        Map<String, Finding> findings = byObject(result);
        assertThat(findings).containsOnlyKeys("public.audit_log", "public.accounts", "public.events", "public.replicated");
        assertThat(findings.values()).extracting(Finding::severity).containsOnly(Severity.WARNING);

        Finding log = findings.get("public.audit_log");
        assertThat(log.message()).isEqualTo("no primary key (about 5000 rows); replica identity default: "
                + "a publication including it fails every UPDATE and DELETE on it");
        assertThat(log.remediation()).contains(
                "ALTER TABLE public.audit_log ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT audit_log_pkey PRIMARY KEY;",
                "ACCESS EXCLUSIVE");
        assertThat(log.rollback()).contains("ALTER TABLE public.audit_log DROP COLUMN id;");
        assertThat(log.evidence()).containsEntry("kind", "no-key").containsEntry("replica_identity", "default")
                .containsEntry("partitioned", false);

        Finding accounts = findings.get("public.accounts");
        assertThat(accounts.remediation())
                .contains("ALTER TABLE public.accounts ADD CONSTRAINT accounts_code_key PRIMARY KEY USING INDEX accounts_code_key;");
        assertThat(accounts.rollback()).contains("ALTER TABLE public.accounts DROP CONSTRAINT accounts_code_key;",
                "CREATE UNIQUE INDEX accounts_code_key ON public.accounts USING btree (code);");

        Finding events = findings.get("public.events");
        assertThat(events.message()).startsWith("no primary key (about 3000 rows in its partitions)");
        assertThat(events.remediation()).contains("(RANGE (at))",
                "ALTER TABLE public.events ADD CONSTRAINT events_pkey PRIMARY KEY (<columns that identify a row>, <partition key columns>);");
        assertThat(events.evidence()).containsEntry("kind", "partitioned");

        assertThat(findings.get("public.replicated").message())
                .contains("replica identity full: logical replication can publish its UPDATE and DELETE");
    }

    @Test
    void remediationAndRollbackRunAsWrittenForANameThatNeedsQuoting() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "nopk_quoted");
        execute(pg, db,
                "CREATE SCHEMA \"Audit Trail\"",
                "CREATE TABLE \"Audit Trail\".\"Log \"\"2026\"\"\" (id int, line text)",
                "INSERT INTO \"Audit Trail\".\"Log \"\"2026\"\"\" SELECT g, 'l' FROM generate_series(1, 2000) g",
                "VACUUM ANALYZE");
        Finding finding = Checks.run(url(pg, db), CHECK).findings().get(0);
        assertThat(finding.object()).isEqualTo("\"Audit Trail\".\"Log \"\"2026\"\"\"");
        // The table has a column id already, so the generated key gets another name.
        String addKey = statementStartingWith(finding.remediation(), "ALTER TABLE " + finding.object() + " ADD COLUMN");
        assertThat(addKey).contains("ADD COLUMN row_id bigint", "CONSTRAINT \"Log \"\"2026\"\"_pkey\" PRIMARY KEY;");

        execute(pg, db, addKey);
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        execute(pg, db, statementStartingWith(finding.rollback(), "ALTER TABLE " + finding.object() + " DROP COLUMN"));
        assertThat(Checks.run(url(pg, db), CHECK).findings()).extracting(Finding::object).containsExactly(finding.object());
    }

    @Test
    void promotingTheUniqueIndexAndItsRollbackRunAsWritten() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "nopk_promote");
        execute(pg, db,
                "CREATE TABLE public.\"Accounts\" (code text NOT NULL, name text)",
                "CREATE UNIQUE INDEX \"Accounts code\" ON public.\"Accounts\" (code)",
                "INSERT INTO public.\"Accounts\" SELECT 'a' || g, 'n' FROM generate_series(1, 2000) g",
                "VACUUM ANALYZE");
        Finding finding = Checks.run(url(pg, db), CHECK).findings().get(0);

        execute(pg, db, statementStartingWith(finding.remediation(), "ALTER TABLE"));
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
        execute(pg, db, finding.rollback().lines().map(String::strip).filter(l -> l.endsWith(";")).toArray(String[]::new));
        assertThat(PostgresServers.queryValue(pg, db, "SELECT pg_get_indexdef('public.\"Accounts code\"'::regclass)"))
                .isEqualTo("CREATE UNIQUE INDEX \"Accounts code\" ON public.\"Accounts\" USING btree (code)");
        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.FAILED);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void aTableNoVacuumOrAnalyzeHasReachedCountsByItsLiveRows(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "nopkfresh");
        // Restored as pg_restore does: loaded, then indexed; CREATE INDEX leaves reltuples unset on 18.
        execute(pg, db,
                "CREATE TABLE public.restored (id int, line text) WITH (autovacuum_enabled = off)",
                "INSERT INTO public.restored SELECT g, 'r' FROM generate_series(1, 5000) g",
                "CREATE INDEX ON public.restored (id)",
                "CREATE TABLE public.lookup (code text) WITH (autovacuum_enabled = off)",
                "INSERT INTO public.lookup SELECT 'c' || g FROM generate_series(1, 200) g");
        Polling.untilTableStatistics(pg, db, "public.restored", "n_live_tup = 5000");
        Polling.untilTableStatistics(pg, db, "public.lookup", "n_live_tup = 200");

        CheckResult result = Checks.run(url(pg, db), CHECK);

        assertThat(byObject(result)).containsOnlyKeys("public.restored");
        assertThat(byObject(result).get("public.restored").message()).startsWith("no primary key (about 5000 rows)");
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void passesWhenEveryTableOfMinRowsHasAKey(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = createDatabase(pg, "pk");
        execute(pg, db,
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, total numeric)",
                "INSERT INTO public.orders SELECT g, g FROM generate_series(1, 5000) g",
                "CREATE TABLE public.events (id bigint, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at)",
                "CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
                "INSERT INTO public.events SELECT g, date '2026-06-01' FROM generate_series(1, 3000) g",
                "CREATE TABLE public.countries (code text, name text)",
                "INSERT INTO public.countries SELECT 'c' || g, 'n' FROM generate_series(1, 200) g",
                "VACUUM ANALYZE");

        assertThat(Checks.run(url(pg, db), CHECK).status()).isEqualTo(Status.PASSED);
    }

    @Test
    void aPgMonitorRoleReachesTheSameVerdict() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "nopk_monitor");
        execute(pg, db,
                "CREATE SCHEMA app",
                "CREATE TABLE app.audit_log (at timestamptz, line text)",
                "INSERT INTO app.audit_log SELECT now(), 'l' FROM generate_series(1, 5000) g",
                "CREATE TABLE app.orders (id bigint PRIMARY KEY)",
                "INSERT INTO app.orders SELECT generate_series(1, 5000)",
                "VACUUM ANALYZE");

        CheckResult result = Checks.run(MonitorRole.urlFor(pg, db), CHECK);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.findings()).extracting(Finding::object).containsExactly("app.audit_log");
    }

    private static Map<String, Finding> byObject(CheckResult result) {
        return result.findings().stream().collect(Collectors.toMap(Finding::object, Function.identity()));
    }

    private static String statementStartingWith(String text, String prefix) {
        return text.lines().map(String::strip).filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> line.substring(0, line.indexOf(';') + 1)).orElseThrow(() -> new AssertionError(prefix + " in " + text));
    }
}
