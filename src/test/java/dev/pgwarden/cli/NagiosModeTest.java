package dev.pgwarden.cli;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.PASSING_CHECK;
import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.ReportTarget;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --format nagios --exit-codes nagios: one status line with performance data, and the plugin exit codes. */
class NagiosModeTest {

    private final ReportTarget target = ReportTarget.get();

    private CliRun nagios(String... checks) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--url", target.url(), "--format", "nagios",
                "--exit-codes", "nagios", "--set", CRITICAL_CHECK + ".max_used_fraction=0"));
        Arrays.stream(checks).forEach(c -> args.addAll(List.of("--check", c)));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void criticalFindingIsCriticalNamingEveryFailedCheckAndItsObjects() {
        CliRun run = nagios(WARNING_CHECK, CRITICAL_CHECK, PASSING_CHECK);

        assertThat(run.exitCode()).isEqualTo(2);
        // The status line, then the long output: which pgwarden judged.
        assertThat(run.out().lines().toList()).hasSize(3).element(1).isEqualTo(dev.pgwarden.results.PgwardenVersion.current().describe());
        assertThat(run.out().lines().toList()).last().asString().startsWith("cluster ");
        String[] parts = run.out().lines().findFirst().orElseThrow().split(" \\| ", 2);
        assertThat(parts[0]).startsWith("PGWARDEN CRITICAL - ")
                .contains(WARNING_CHECK + " warning: " + UNHEALTHY_TABLE, CRITICAL_CHECK + " critical: ")
                .endsWith("(3 checks, 1 passed, 2 failed, 0 skipped, 0 errors)");
        assertThat(parts[1].split(" ")).contains("checks=3", "failed=2", "errors=0")
                .anyMatch(p -> p.matches("xid_age_max=\\d+"))
                .anyMatch(p -> p.matches("connections_used_fraction=0\\.\\d+"))
                .anyMatch(p -> p.matches("time=\\d+\\.\\d{3}s"));
        assertThat(parts[1]).contains("'" + WARNING_CHECK + " findings'=1");
    }

    @Test
    void warningFindingIsWarning() {
        CliRun run = nagios(WARNING_CHECK);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("PGWARDEN WARNING - " + WARNING_CHECK + " warning: " + UNHEALTHY_TABLE);
    }

    @Test
    void passingChecksAreOk() {
        CliRun run = nagios(PASSING_CHECK);

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).startsWith("PGWARDEN OK - 1 checks, 1 passed, 0 failed, 0 skipped, 0 errors | ");
    }

    @Test
    void findingsBelowFailOnAreOkButCounted() {
        CliRun run = CliRun.of("check", "--url", target.url(), "--check", WARNING_CHECK, "--format", "nagios",
                "--exit-codes", "nagios", "--fail-on", "critical");

        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).startsWith("PGWARDEN OK - 1 checks, 0 passed, 1 failed, 0 skipped, 0 errors, 1 findings below critical");
    }

    @Test
    void unreachableTargetAndBadUsageAreUnknown() {
        CliRun unreachable = CliRun.of("check", "--url", "jdbc:postgresql://127.0.0.1:1/app?user=monitor",
                "--connect-timeout", "2s", "--format", "nagios", "--exit-codes", "nagios");
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.out()).startsWith("PGWARDEN UNKNOWN - ").contains("127.0.0.1:1");

        assertThat(CliRun.of("check", "--exit-codes", "nagios", "--no-such-option").exitCode()).isEqualTo(3);
        assertThat(CliRun.of("check", "--exit-codes=nagios", "--fail-on", "info").exitCode()).isEqualTo(3);
    }
}
