package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export datadog} writes a postgres.d/conf.yaml of the documented shape whose custom queries, run on a
 * real server, return what pgwarden's own Prometheus file says for the same state under the mapped names. No
 * Datadog Agent can be installed here, so the queries run over JDBC as the Agent would run them: one row, the
 * columns in the order of {@code columns}. Servers of their own: the test holds a transaction open, so the
 * oldest-transaction measure has a value and the xid ages do not fall.
 */
class DatadogExportTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PASSWORD = "Dd-Secr3t-w9";
    private static final Pattern SAMPLE = Pattern.compile("^(pgwarden_\\w+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern CHECK = Pattern.compile("check=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    @Test
    void everyKeyWrittenIsDocumentedWithItsType() throws Exception {
        JsonNode config = export("--url", "postgresql://monitor:" + PASSWORD + "@db.example:6432/app");
        assertThat(DatadogConfShape.postgres().violations(config)).isEmpty();

        JsonNode instance = config.get("instances").get(0);
        assertThat(config.get("instances")).hasSize(1);
        assertThat(instance.get("host").asText()).isEqualTo("db.example");
        assertThat(instance.get("port").asInt()).isEqualTo(6432);
        assertThat(instance.get("dbname").asText()).isEqualTo("app");
        assertThat(instance.get("username").asText()).isEqualTo("monitor");
        assertThat(instance.get("collect_database_size_metrics").asBoolean()).isTrue();
        assertThat(instance.get("relations").get(0).get("relation_regex").asText()).isEqualTo(".*");
        JsonNode queries = instance.get("custom_queries");
        assertThat(queries).isNotEmpty();
        for (JsonNode query : queries) {
            assertThat(query.get("metric_prefix").asText()).isEqualTo("pgwarden");
            assertThat(query.get("columns")).hasSize(2);
            assertThat(query.get("columns").get(0).get("type").asText()).isEqualTo("gauge");
            assertThat(query.get("columns").get(1).get("name").asText()).isEqualTo("check");
            assertThat(query.get("columns").get(1).get("type").asText()).isEqualTo("tag");
            assertThat(query.get("tags").get(0).asText()).startsWith("check:");
        }
    }

    @Test
    void theShapeCatchesWhatTheIntegrationDoesNotKnow() throws Exception {
        JsonNode wrong = YAML.readTree("""
                init_config: {}
                instances:
                - port: "5432"
                  passwd: x
                  custom_queries:
                  - query: SELECT 1
                    columns: [{name: one, type: gauges}]
                """);
        assertThat(DatadogConfShape.postgres().violations(wrong)).containsExactlyInAnyOrder(
                "instances[0].port: expected integer, got STRING \"5432\"",
                "instances[0].passwd: not a documented key of instance",
                "instances[0].custom_queries[0].columns[0].type: \"gauges\" is not one of column_type "
                        + "[\"gauge\",\"count\",\"monotonic_count\",\"rate\",\"tag\",\"tag_list\",\"tag_not_null\"]");
    }

    @Test
    void withoutUrlTheInstanceHoldsPlaceholders() throws Exception {
        JsonNode instance = export("--check", "xid-age", "--password-secret", "pg_monitor_pw").get("instances").get(0);
        assertThat(instance.get("host").asText()).isEqualTo("<HOST>");
        assertThat(instance.get("port").asInt()).isEqualTo(5432);
        assertThat(instance.get("dbname").asText()).isEqualTo("<DBNAME>");
        assertThat(instance.get("username").asText()).isEqualTo("<USERNAME>");
        assertThat(instance.get("password").asText()).isEqualTo("ENC[pg_monitor_pw]");
        assertThat(instance.get("custom_queries")).extracting(q -> q.get("columns").get(0).get("name").asText())
                .containsExactly("xid_age.max", "mxid_age.max");
    }

    @Test
    void aSocketDirectoryIsTheAgentsHostToo() throws Exception {
        JsonNode instance = export("--url", "postgresql:///app?host=/var/run/postgresql&user=monitor").get("instances").get(0);
        assertThat(instance.get("host").asText()).isEqualTo("/var/run/postgresql");
        assertThat(instance.get("dbname").asText()).isEqualTo("app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://monitor:" + PASSWORD + "@db.example/app",
            "jdbc:postgresql://db.example/app?user=monitor&password=" + PASSWORD,
            "postgresql://db.example/app?user=monitor&password=" + PASSWORD})
    void thePasswordOfTheUrlIsNeverWritten(String url) throws Exception {
        Path file = dir.resolve("password.yaml");
        CommandLineRun run = CommandLineRun.of("export", "datadog", "--url", url, "--out", file.toString());
        CommandLineRun toConsole = CommandLineRun.of("export", "datadog", "--url", url);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(file) + run.out() + run.err() + toConsole.out() + toConsole.err()).doesNotContain(PASSWORD);
        JsonNode instance = YAML.readTree(file.toFile()).get("instances").get(0);
        assertThat(instance.get("password").asText()).isEqualTo("ENC[pgwarden_postgres_password]");
        assertThat(instance.get("username").asText()).isEqualTo("monitor");
    }

    @Test
    void badInputIsExitTwoInOneLine() {
        assertThat(CommandLineRun.of("export", "datadog", "--set", "xid-age.warn_age=lots").failedWith(ExitCodes.USAGE).errorLine())
                .contains("xid-age.warn_age");
        assertThat(CommandLineRun.of("export", "datadog", "--set", "no-such-check.x=1").failedWith(ExitCodes.USAGE).errorLine())
                .contains("no-such-check");
        assertThat(CommandLineRun.of("export", "datadog", "--url", "mysql://db/app").failedWith(ExitCodes.USAGE).errorLine())
                .contains("--url");
        assertThat(CommandLineRun.of("export", "datadog", "--url", "postgresql://db1,db2/app").failedWith(ExitCodes.USAGE).errorLine())
                .contains("several hosts");
        assertThat(CommandLineRun.of("export", "datadog", "--password-secret", "a]b").failedWith(ExitCodes.USAGE).errorLine())
                .contains("password secret");
    }

    /** The fact queries have variants by major: each is exported for, and run on, its own server. */
    @ParameterizedTest
    @ValueSource(ints = {13, 17, 18})
    void eachCustomQueryReturnsWhatPgwardenMeasures(int major) throws Exception {
        try (EmbeddedPostgres postgres = PostgresServers.builder(major).start();
             Connection holder = PostgresServers.superuser(postgres, "postgres")) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT txid_current()");
            }
            // A fresh server's block accesses are few and mostly misses, so each reading's own catalog reads would move
            // the hit ratio by whole percents: tens of thousands of hits first make it hold still between the two.
            List<String> warm = new ArrayList<>(List.of("CREATE TABLE warm AS SELECT generate_series(1, 200000) AS i"));
            warm.addAll(java.util.Collections.nCopies(30, "SELECT count(*) FROM warm"));
            PostgresServers.execute(postgres, "postgres", warm.toArray(String[]::new));
            // Templates are not judged, so the ratio is postgres's alone: its counters must have arrived (13 sends them late).
            dev.pgwarden.testing.Polling.untilTrue(postgres, "postgres",
                    "SELECT blks_hit > 20000 FROM pg_stat_database WHERE datname = 'postgres'");
            compareCustomQueriesWithPgwarden(postgres, major);
        }
    }

    private static void compareCustomQueriesWithPgwarden(EmbeddedPostgres postgres, int major) throws Exception {
        String url = PostgresServers.url(postgres, "postgres");
        List<String> checks = new ArrayList<>();
        RuleCatalog.builtIn().all().stream().filter(c -> !c.metadata().measures().isEmpty())
                .forEach(c -> checks.addAll(List.of("--check", c.id())));
        List<String> exportArgs = new ArrayList<>(List.of("--url", url, "--server-major", String.valueOf(major)));
        exportArgs.addAll(checks);
        JsonNode instance = export(exportArgs.toArray(String[]::new)).get("instances").get(0);
        assertThat(instance.get("port").asInt()).isEqualTo(postgres.getPort());
        assertThat(instance.get("dbname").asText()).isEqualTo("postgres");

        List<String> check = new ArrayList<>(List.of("check", "--url", url, "--format", "prometheus",
                "--report-dir", dir.resolve("report-" + major).toString()));
        check.addAll(checks);
        long measuredAt = System.nanoTime();
        CommandLineRun run = CommandLineRun.of(check.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        Map<String, Double> measured = samples(Files.readString(dir.resolve("report-" + major).resolve("pgwarden.prom")));
        assertThat(measured).containsKeys("pgwarden_xid_age_max{xid-age}", "pgwarden_oldest_transaction_seconds{long-running-transaction}");

        Map<String, Double> queried = new HashMap<>();
        try (Connection agent = PostgresServers.superuser(postgres, instance.get("dbname").asText());
             Statement s = agent.createStatement()) {
            for (JsonNode query : instance.get("custom_queries")) {
                JsonNode columns = query.get("columns");
                try (ResultSet rows = s.executeQuery(query.get("query").asText())) {
                    assertThat(rows.getMetaData().getColumnCount()).as(query.get("query").asText()).isEqualTo(columns.size());
                    assertThat(rows.next()).isTrue();
                    String checkId = rows.getString(2);
                    assertThat(query.get("tags")).extracting(JsonNode::asText).containsExactly("check:" + checkId);
                    // The Agent's metric pgwarden.<name> is pgwarden's series with dots for underscores.
                    String series = (query.get("metric_prefix").asText() + "." + columns.get(0).get("name").asText()).replace('.', '_')
                            + "{" + checkId + "}";
                    double value = rows.getDouble(1);
                    if (rows.wasNull()) {
                        assertThat(measured).as("no rows to aggregate: pgwarden's file leaves %s out too", series).doesNotContainKey(series);
                    } else {
                        queried.put(series, value);
                    }
                    assertThat(rows.next()).isFalse();
                }
            }
        }
        double usableSlots = ((Number) PostgresServers.queryValue(postgres, "postgres", "SELECT current_setting('max_connections')::int"
                + " - current_setting('superuser_reserved_connections')::int")).doubleValue();
        double elapsedSeconds = (System.nanoTime() - measuredAt) / 1e9;
        assertThat(queried.keySet()).containsExactlyInAnyOrderElementsOf(measured.keySet());
        measured.forEach((series, value) -> {
            // Time passes between the two readings: a duration grows by as much, a ratio of counters moves a little.
            // Each reader counts its own session among the clients: this one holds one more than pgwarden's run.
            double tolerance = Math.max(0.02 * Math.abs(value), series.contains("_seconds{") ? elapsedSeconds + 1
                    : series.startsWith("pgwarden_connections_used_fraction{") ? 2.0 / usableSlots : 0);
            assertThat(queried.get(series)).as(series).isCloseTo(value, Offset.offset(tolerance));
        });
    }

    private static JsonNode export(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("export", "datadog"));
        args.addAll(List.of(options));
        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return YAML.readTree(run.out());
    }

    /** Series of pgwarden's measures by name and check label; the status and duration families are pgwarden's own. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            Matcher check = CHECK.matcher(m.group(2));
            if (!m.group(1).startsWith("pgwarden_check_") && check.find()) {
                samples.put(m.group(1) + "{" + check.group(1) + "}", Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }
}
