package dev.pgwarden.engine;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line plans a run (rules, suite, target) once and hands the plan to the engine, which does not plan again. */
class PlanOnceTest {

    @TempDir
    Path dir;

    @Test
    void checkPlansOnce() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "plan_once");
        int before = RunPlanner.plansMade();

        CliRun run = CliRun.of("check", "--url", url(pg, db), "--check", "xid-age", "--check", "invalid-indexes", "--format", "console");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("passed   xid-age", "passed   invalid-indexes");
        assertThat(RunPlanner.plansMade() - before).as("plans made").isEqualTo(1);
    }

    @Test
    void aFleetPlansEachTargetOnce() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        Path targets = Files.writeString(dir.resolve("fleet.yaml"), "targets:\n"
                + "  - name: one\n    url: " + url(pg, createDatabase(pg, "plan_fleet")) + "\n"
                + "  - name: two\n    url: " + url(pg, createDatabase(pg, "plan_fleet")) + "\n");
        int before = RunPlanner.plansMade();

        CliRun run = CliRun.of("check", "--targets", targets.toString(), "--check", "xid-age", "--format", "console");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(RunPlanner.plansMade() - before).as("plans made").isEqualTo(2);
    }
}
