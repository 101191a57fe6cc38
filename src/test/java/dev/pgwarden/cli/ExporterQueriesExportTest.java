package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.rules.RuleCatalog;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's postgres_exporter, given the exported queries, shows every measure pgwarden's own Prometheus file
 * holds, under the same name and check label, with the value pgwarden measured on the same server state.
 * A server of its own: the test holds a transaction open, so the oldest-transaction measure has a value.
 */
class ExporterQueriesExportTest {

    private static final Path EXPORTER = Path.of("/usr/bin/prometheus-postgres-exporter");
    private static final Pattern SAMPLE = Pattern.compile("^(pgwarden_\\w+)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern CHECK = Pattern.compile("check=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;
    private static Connection holder;

    @BeforeAll
    static void startServerWithAnOpenTransaction() throws Exception {
        postgres = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR).start();
        holder = PostgresServers.superuser(postgres, "postgres");
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("SELECT txid_current()");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        holder.close();
        postgres.close();
    }

    @Test
    void theExporterShowsEachMeasureWithTheValuePgwardenMeasured() throws Exception {
        assumeTrue(Files.isExecutable(EXPORTER), "prometheus-postgres-exporter is not installed (Debian package prometheus-postgres-exporter)");
        List<String> checks = new ArrayList<>();
        RuleCatalog.builtIn().all().stream().filter(c -> !c.metadata().measures().isEmpty())
                .forEach(c -> checks.addAll(List.of("--check", c.id())));
        List<String> export = new ArrayList<>(List.of("export", "postgres-exporter-queries", "--out", dir.resolve("queries.yaml").toString()));
        export.addAll(checks);
        CommandLineRun exported = CommandLineRun.of(export.toArray(String[]::new));
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("read_latency_p99_seconds (read-latency)");

        List<String> check = new ArrayList<>(List.of("check", "--url", PostgresServers.url(postgres, "postgres"),
                "--format", "prometheus", "--report-dir", dir.resolve("report").toString()));
        check.addAll(checks);
        long measuredAt = System.nanoTime();
        CommandLineRun run = CommandLineRun.of(check.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        Map<String, Double> measured = samples(Files.readString(dir.resolve("report").resolve("pgwarden.prom")));
        assertThat(measured).containsKeys("pgwarden_xid_age_max{xid-age}", "pgwarden_oldest_transaction_seconds{long-running-transaction}");

        double usableSlots = ((Number) PostgresServers.queryValue(postgres, "postgres", "SELECT current_setting('max_connections')::int"
                + " - current_setting('superuser_reserved_connections')::int")).doubleValue();
        Map<String, Double> scraped = scrape(dir.resolve("queries.yaml"));
        double elapsedSeconds = (System.nanoTime() - measuredAt) / 1e9;
        measured.forEach((series, value) -> {
            assertThat(scraped).as("the exporter's %s", series).containsKey(series);
            // Time passes between the two readings: a duration grows by as much, a ratio of counters moves a little.
            // Each collector counts its own sessions among the clients: the exporter holds two where pgwarden holds one.
            double tolerance = Math.max(0.02 * Math.abs(value), series.contains("_seconds{") ? elapsedSeconds + 1
                    : series.startsWith("pgwarden_connections_used_fraction{") ? 2.0 / usableSlots : 0);
            assertThat(scraped.get(series)).as(series).isCloseTo(value, org.assertj.core.data.Offset.offset(tolerance));
        });
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

    private static Map<String, Double> scrape(Path queries) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--extend.query-path=" + queries, "--disable-default-metrics", "--disable-settings-metrics")
                .redirectErrorStream(true).redirectOutput(dir.resolve("exporter.log").toFile());
        builder.environment().put("DATA_SOURCE_NAME",
                "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/postgres?sslmode=disable");
        Process exporter = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    Map<String, Double> samples = samples(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                    if (!samples.isEmpty()) {
                        return samples;
                    }
                } catch (IOException notListeningYet) {
                    // polled again below until the deadline
                }
                assertThat(System.nanoTime()).as("the exporter answers with pgwarden's series; its log: %s",
                        Files.readString(dir.resolve("exporter.log"))).isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
