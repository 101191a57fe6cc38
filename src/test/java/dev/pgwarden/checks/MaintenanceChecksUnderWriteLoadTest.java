package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A healthy, busy server: pgbench's default TPC-B-like script at full speed with 4 clients, autovacuum on
 * with a naptime that lets tables outgrow their triggers between visits (pgbench_history, insert-only,
 * passes both its insert and its analyze trigger within a naptime). Autovacuum keeps up, so neither
 * maintenance check may fail, however often it looks. The test shows the load did put tables past their
 * triggers (what failed these checks when being past was enough) and that autovacuum did visit them.
 */
class MaintenanceChecksUnderWriteLoadTest {

    private static final int NAPTIME_SECONDS = 15;
    private static final int LOAD_SECONDS = 120;
    private static final int CHECK_EVERY_SECONDS = 5;
    private static final List<String> CHECKS = List.of("autovacuum-staleness", "missing-analyze");
    /** Some table past over_trigger_factor (2) × one of its triggers, by the checks' own defaults. */
    private static final String SOME_TABLE_PAST_A_TRIGGER = """
            SELECT coalesce(bool_or(
                       (s.n_dead_tup >= 10000 AND s.n_dead_tup > 2 * (50 + 0.2 * greatest(c.reltuples, 0)))
                    OR (s.n_ins_since_vacuum >= 10000 AND s.n_ins_since_vacuum > 2 * (1000 + 0.2 * greatest(c.reltuples, 0)))
                    OR (greatest(c.reltuples, s.n_live_tup) >= 1000 AND s.n_mod_since_analyze > 2 * (50 + 0.1 * greatest(c.reltuples, 0)))),
                   false)
              FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid""";
    private static final String AUTOVACUUM_VISITS =
            "SELECT sum(autovacuum_count + autoanalyze_count) FROM pg_stat_user_tables";

    @Test
    void neitherCheckFailsWhileAutovacuumKeepsUpWithPgbench() throws Exception {
        Path pgbench = pgbench();
        Assumptions.assumeTrue(pgbench != null,
                "pgbench is neither at /usr/lib/postgresql/15/bin/pgbench nor on PATH: install postgresql-client or postgresql-contrib");
        try (EmbeddedPostgres pg = PostgresServers.builder(PostgresServers.DEFAULT_MAJOR)
                .setServerConfig("autovacuum_naptime", NAPTIME_SECONDS + "s").start()) {
            String db = createDatabase(pg, "pgbench");
            run(pgbench, pg, db, "-i", "-q");
            long visitsBefore = visits(pg, db);
            Process load = start(pgbench, pg, db, "-c", "4", "-j", "2", "-T", String.valueOf(LOAD_SECONDS));
            List<String> failures = new ArrayList<>();
            int rounds = 0;
            int roundsPastATrigger = 0;
            try {
                while (!load.waitFor(CHECK_EVERY_SECONDS, TimeUnit.SECONDS)) {
                    rounds++;
                    if (Boolean.TRUE.equals(PostgresServers.queryValue(pg, db, SOME_TABLE_PAST_A_TRIGGER))) {
                        roundsPastATrigger++;
                    }
                    for (String check : CHECKS) {
                        CheckResult result = Checks.run(url(pg, db), check);
                        if (!result.findings().isEmpty() || result.status() != dev.pgwarden.results.Status.PASSED) {
                            failures.add("round " + rounds + " " + check + " " + result.status() + ": " + result.findings());
                        }
                    }
                }
            } finally {
                load.destroy();
            }
            assertThat(load.exitValue()).as("pgbench exit status").isZero();
            assertThat(failures).isEmpty();
            assertThat(rounds).isGreaterThanOrEqualTo(LOAD_SECONDS / CHECK_EVERY_SECONDS / 2);
            assertThat(roundsPastATrigger).as("rounds in which some table was past 2 × a trigger").isPositive();
            assertThat(visits(pg, db)).as("autovacuum and autoanalyze runs during the load").isGreaterThan(visitsBefore);
        }
    }

    private static long visits(EmbeddedPostgres pg, String db) throws Exception {
        return ((Number) PostgresServers.queryValue(pg, db, AUTOVACUUM_VISITS)).longValue();
    }

    private static Path pgbench() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pgbench");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void run(Path pgbench, EmbeddedPostgres pg, String db, String... args) throws Exception {
        Process p = start(pgbench, pg, db, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pgbench " + String.join(" ", args) + " finished").isTrue();
        assertThat(p.exitValue()).as("pgbench " + String.join(" ", args)).isZero();
    }

    private static Process start(Path pgbench, EmbeddedPostgres pg, String db, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-h", "localhost",
                "-p", String.valueOf(pg.getPort()), "-U", "postgres"));
        command.addAll(List.of(args));
        command.add(db);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
