package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL shared by the report tests, with a database where two checks fail and two pass:
 * {@code missing-analyze} (warning) finds {@code public.customers} never analyzed (autovacuum may not), and
 * {@code connection-saturation} (critical) fails because its bar is set to zero; {@code xid-age} and
 * {@code autovacuum-staleness} pass. Started once per test JVM and stopped when it exits.
 */
public final class ReportTarget {

    public static final String WARNING_CHECK = "missing-analyze";
    public static final String CRITICAL_CHECK = "connection-saturation";
    public static final String PASSING_CHECK = "xid-age";
    public static final String UNHEALTHY_TABLE = "public.customers";
    private static ReportTarget shared;
    private static Reports allFormats;
    private static Reports traced;
    private final String url;

    private ReportTarget(String url) {
        this.url = url;
    }

    public static synchronized ReportTarget get() {
        if (shared == null) {
            try {
                EmbeddedPostgres pg = PostgresServers.start(PostgresServers.DEFAULT_MAJOR);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
                String db = PostgresServers.createDatabase(pg, "reports");
                PostgresServers.execute(pg, db,
                        "CREATE TABLE public.customers (id int PRIMARY KEY, name text) WITH (autovacuum_enabled = false)",
                        "INSERT INTO public.customers SELECT g, 'c' || g FROM generate_series(1, 5000) g");
                shared = new ReportTarget(PostgresServers.url(pg, db));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot prepare the report test database", e);
            }
        }
        return shared;
    }

    public String url() {
        return url;
    }

    /** Runs {@code check} on the four checks with the given further arguments. */
    public CliRun check(String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--url", url,
                "--check", WARNING_CHECK, "--check", CRITICAL_CHECK, "--check", PASSING_CHECK, "--check", "autovacuum-staleness",
                "--set", CRITICAL_CHECK + ".max_used_fraction=0"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** One run, shared by the tests that read its files, writing every format to a new directory. */
    public synchronized Reports allFormats() {
        if (allFormats == null) {
            allFormats = writeAllFormats();
        }
        return allFormats;
    }

    private Reports writeAllFormats() {
        try {
            Path dir = Files.createTempDirectory("pgwarden-reports");
            CliRun run = check("--report-dir", dir.toString(), "--format",
                    "console,json,junit,allure,open-test-reporting,sarif,markdown,prometheus,nagios");
            return new Reports(dir, run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One run with a captured probe envelope of Debian's PostgreSQL 15 (statements traced), judged by query-latency
     * at a p99 limit its pg_sleep(0.05) tail exceeds, writing the metrics file and the Allure results.
     */
    public synchronized Reports traced() {
        if (traced == null) {
            try (InputStream in = ReportTarget.class.getResourceAsStream("/probe/captured/usdt-envelope.json")) {
                Path dir = Files.createTempDirectory("pgwarden-traced");
                Path probe = dir.resolve("probe.json");
                Files.write(probe, in.readAllBytes());
                traced = new Reports(dir, CliRun.of("check", "--url", url, "--check", "query-latency", "--probe", probe.toString(),
                        "--set", "query-latency.max_p99=25ms", "--report-dir", dir.toString(), "--format", "prometheus,allure"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return traced;
    }

    /** Where a run wrote its reports, and how it ended. */
    public record Reports(Path dir, CliRun run) {
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // The JVM is exiting; the server's directory is temporary.
        }
    }
}
