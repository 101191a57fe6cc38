package dev.pgwarden.cli;

import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.CliRun;
import dev.pgwarden.testing.ReportTarget;
import org.junit.jupiter.api.Test;

/** --fail-on decides which findings fail the run; lower ones are still reported. The console ends with the counts. */
class FailOnAndExitCodesTest {

    private final ReportTarget target = ReportTarget.get();

    @Test
    void warningAndCriticalFindingsFailTheRunByDefault() {
        CliRun run = target.check();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out().lines().reduce((a, b) -> b).orElseThrow())
                .matches("2 passed, 2 failed, 0 skipped, 0 errors; 2 findings \\(1 critical, 1 warning\\) in \\d+ ms \\(pgwarden .+ \\(commit .+\\)\\)");
    }

    @Test
    void failOnCriticalStillFailsOnACriticalFinding() {
        assertThat(target.check("--fail-on", "critical").exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void failOnCriticalPassesAWarningButStillReportsIt() {
        CliRun run = CliRun.of("check", "--url", target.url(), "--check", WARNING_CHECK, "--fail-on", "critical");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("FAILED   " + WARNING_CHECK, "[warning] " + UNHEALTHY_TABLE,
                "0 passed, 1 failed, 0 skipped, 0 errors; 1 finding (0 critical, 1 warning)");
    }

    @Test
    void failOnWarningFailsAWarning() {
        CliRun run = CliRun.of("check", "--url", target.url(), "--check", WARNING_CHECK, "--fail-on", "WARNING");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void badPolicyOrFormatIsUsageBeforeAnythingRuns() {
        assertThat(CliRun.of("check", "--url", target.url(), "--fail-on", "info"))
                .isEqualTo(new CliRun(2, "", "pgwarden: --fail-on info: must be 'warning' or 'critical'" + System.lineSeparator()));
        assertThat(CliRun.of("check", "--url", target.url(), "--format", "sarif").err())
                .isEqualTo("pgwarden: --format sarif writes a file: give --report-dir DIR" + System.lineSeparator());
        assertThat(CliRun.of("check", "--url", target.url(), "--format", "html").err())
                .startsWith("pgwarden: --format html: unknown format (known: console, json, junit, allure, open-test-reporting,");
        assertThat(CliRun.of("check", "--url", target.url(), "--exit-codes", "icinga").exitCode()).isEqualTo(2);
    }
}
