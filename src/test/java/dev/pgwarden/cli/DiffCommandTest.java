package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.report.DiffReport;
import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.PostgresServers;
import dev.pgwarden.testing.Problems;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real runs of one database as pg_monitor, with a critical fault added (a sequence at 95%) and a warning fixed (a
 * table analyzed) between them, and transaction IDs consumed so xid-age's measure moves: {@code diff} names both
 * findings and the moved value and exits 1 on the new critical finding; with the roles reversed only the warning is
 * new, below {@code --fail-on critical}, and it exits 0. A report of another cluster is refused.
 */
class DiffCommandTest {

    private static final String[] CHECKS = {"--check", "missing-analyze", "--check", "sequence-exhaustion", "--check", "xid-age"};
    private static EmbeddedPostgres postgres;
    private static String database;

    @TempDir
    static Path before;
    @TempDir
    static Path after;

    @BeforeAll
    static void twoRuns() throws Exception {
        postgres = PostgresServers.shared(17);
        database = createDatabase(postgres, "diff");
        String url = MonitorRole.urlFor(postgres, database);
        String monitor = "monitor_" + database;
        Problems.neverAnalyzedTable(postgres, database, "fixed_later", 2000);
        assertThat(check(url, before).exitCode()).isEqualTo(1);

        PostgresServers.execute(postgres, database, "ANALYZE fixed_later",
                "CREATE SEQUENCE order_ids MAXVALUE 100", "SELECT setval('order_ids', 96)",
                "GRANT SELECT ON SEQUENCE order_ids TO " + monitor);
        long age = ((Number) PostgresServers.queryValue(postgres, database, "SELECT max(age(datfrozenxid)) FROM pg_database")).longValue();
        // Each COMMIT ends a transaction that took an ID: the oldest database's age grows by at least this many.
        PostgresServers.execute(postgres, database, "DO $$ BEGIN FOR i IN 1.." + Math.max(2000, age / 2)
                + " LOOP PERFORM txid_current(); COMMIT; END LOOP; END $$");
        assertThat(check(url, after).exitCode()).isEqualTo(1);
    }

    private static CliRun check(String url, Path directory) {
        CliRun run = CliRun.of(concat("check", "--url", url, "--report-dir", directory.toString(), "--format", "json"));
        assertThat(run.err()).doesNotContain("rror");
        return run;
    }

    private static String[] concat(String... first) {
        String[] all = java.util.Arrays.copyOf(first, first.length + CHECKS.length);
        System.arraycopy(CHECKS, 0, all, first.length, CHECKS.length);
        return all;
    }

    @Test
    void namesTheNewAndTheResolvedFindingAndTheMovedValueAndFailsOnTheNewOne(@TempDir Path out) throws Exception {
        CliRun diff = CliRun.of("diff", before.toString(), after.toString(), "--fail-on", "critical", "--regression-pct", "10",
                "--format", "console,markdown,json", "--report-dir", out.toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("new: [critical] sequence-exhaustion on " + database + ".public.order_ids",
                        "resolved: [warning] missing-analyze on " + database + ".public.fixed_later")
                .containsPattern("moved: xid-age xid_age_max: \\d+ -> \\d+ \\(\\+\\d+\\.\\d%\\)")
                .contains("1 new, 1 resolved, 0 still failing");
        JsonNode json = new ObjectMapper().readTree(out.resolve(DiffReport.JSON_FILE).toFile()).path("targets").get(0);
        assertThat(json.at("/new/0/object").asText()).isEqualTo(database + ".public.order_ids");
        assertThat(json.at("/resolved/0/check").asText()).isEqualTo("missing-analyze");
        assertThat(json.at("/moved/0/measure").asText()).isEqualTo("xid_age_max");
        assertThat(out.resolve(DiffReport.MARKDOWN_FILE)).content().contains("| new | critical | `sequence-exhaustion` | `" + database + ".public.order_ids` |");
    }

    @Test
    void reversedOnlyTheWarningIsNewAndItPassesBelowTheBar() {
        CliRun diff = CliRun.of("diff", after.toString(), before.toString(), "--fail-on", "critical");
        assertThat(diff.exitCode()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).contains("new: [warning] missing-analyze on " + database + ".public.fixed_later",
                "resolved: [critical] sequence-exhaustion on " + database + ".public.order_ids");
    }

    @Test
    void aReportOfAnotherClusterIsRefusedNamingBothIdentifiers(@TempDir Path other) throws Exception {
        EmbeddedPostgres elsewhere = PostgresServers.shared(13);
        String otherDatabase = createDatabase(elsewhere, "diff");
        assertThat(CliRun.of(concat("check", "--url", MonitorRole.urlFor(elsewhere, otherDatabase), "--report-dir", other.toString(),
                "--format", "json")).exitCode()).isIn(0, 1);
        String here = String.valueOf(PostgresServers.queryValue(postgres, database, "SELECT system_identifier FROM pg_control_system()"));
        String there = String.valueOf(PostgresServers.queryValue(elsewhere, otherDatabase, "SELECT system_identifier FROM pg_control_system()"));

        CliRun refused = CliRun.of("diff", before.toString(), other.resolve("pgwarden.json").toString(), "--format", "json",
                "--report-dir", other.resolve("diff").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("pgwarden: diff: ").contains(here, there, "--allow-other-target");
        assertThat(other.resolve("diff").resolve(DiffReport.JSON_FILE)).doesNotExist();

        CliRun allowed = CliRun.of("diff", before.toString(), other.toString(), "--allow-other-target");
        assertThat(allowed.exitCode()).as(allowed.err()).isIn(0, 1);
    }

    @Test
    void anUnreadableReportIsNamedAndExits2(@TempDir Path empty) throws Exception {
        Files.writeString(empty.resolve("pgwarden.json"), "{ not json");
        CliRun diff = CliRun.of("diff", before.toString(), empty.toString());
        assertThat(diff.exitCode()).isEqualTo(2);
        assertThat(diff.err()).contains(empty.resolve("pgwarden.json").toString(), "not a JSON report pgwarden wrote");
    }
}
