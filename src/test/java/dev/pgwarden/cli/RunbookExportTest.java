package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code export runbook} against a real server: a page per finding with each section filled for the object found,
 * an index only when nothing failed, the password of the URL in no file, and the exit codes for an unreachable
 * target and an --out that holds other files.
 */
class RunbookExportTest {

    private static final String PASSWORD = "Runbook-Pa55-9x";
    private static final Clock NOV_28 = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private static final Pattern ALERT = Pattern.compile(
            "pgwarden_connections_used_fraction\\{check=\\\\\"connection-saturation\\\\\"} > ([0-9.]+)\"");
    private static final Pattern MEASURED = Pattern.compile("is 20% above the ([0-9.]+) measured");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run export(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ExportRunbook(NOV_28)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String urlWithPassword(EmbeddedPostgres pg, String db) {
        // Trust authentication: the server never asks, so the password only has to stay out of the files.
        return "postgresql://postgres:" + PASSWORD + "@localhost:" + pg.getPort() + "/" + db;
    }

    @Test
    void aPagePerFindingWithEverySectionForTheObjectFound() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "runbook_unhealthy");
        execute(pg, db, "CREATE TABLE public.\"Odd \"\"Name\"\"\" (id int PRIMARY KEY) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.\"Odd \"\"Name\"\"\" SELECT generate_series(1, 5000)");
        Path out = dir.resolve("runbook");
        String url = urlWithPassword(pg, db) + "?sslmode=disable";

        Run run = export("--url", url, "--check", "missing-analyze", "--check", "connection-saturation",
                "--set", "connection-saturation.max_used_fraction=0.0001", "--set", "missing-analyze.min_rows=1000", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).hasSize(3).contains("index.md").anyMatch(n -> n.matches("missing-analyze--public-odd-name-[0-9a-f]{8}\\.md"))
                .anyMatch(n -> n.startsWith("connection-saturation--"));
        String analyze = Files.readString(out.resolve(names.stream().filter(n -> n.startsWith("missing-analyze--")).findFirst().orElseThrow()));
        assertThat(analyze)
                .contains("# `missing-analyze`: `public.\"Odd \"\"Name\"\"\"`")
                .contains("## What was seen", "**warning**: ", "| evidence | value |")
                .contains("## Why it matters").contains("autovacuum")
                .contains("## How to confirm by hand", "`table_maintenance` (`sql/table_maintenance", "```sql\n", "pg_stat_get_live_tuples(c.oid)",
                        "greatest(c.reltuples, pg_stat_get_live_tuples(c.oid)) >= 1000::float8")
                .contains("## Remediation", "```\nANALYZE (VERBOSE) public.\"Odd \"\"Name\"\"\";\n")
                .contains("## How to verify afterwards", "pgwarden check --url 'postgresql://postgres@localhost:" + pg.getPort() + "/" + db
                        + "?sslmode=disable' --check missing-analyze --set missing-analyze.min_rows=1000\n")
                .contains("## Rollback\n\n```\nNo rollback is needed: ANALYZE only replaces the planner statistics")
                .contains("## Alert to add", "This check has no measure",
                        "expr: \"pgwarden_check_status{check=\\\"missing-analyze\\\",status=\\\"failed\\\"} == 1\"")
                .contains("Look again on **2026-12-28**");
        assertThat(analyze).as("the bound value is written in, as psql needs it").doesNotContain(":min_rows");

        String saturation = Files.readString(out.resolve(names.stream().filter(n -> n.startsWith("connection-saturation--")).findFirst().orElseThrow()));
        Matcher bound = ALERT.matcher(saturation);
        Matcher measured = MEASURED.matcher(saturation);
        assertThat(bound.find()).as(saturation).isTrue();
        assertThat(measured.find()).as(saturation).isTrue();
        assertThat(new BigDecimal(measured.group(1))).isPositive();
        assertThat(new BigDecimal(bound.group(1))).isEqualByComparingTo(new BigDecimal(measured.group(1)).multiply(new BigDecimal("1.2")));
        assertThat(saturation).contains("--check connection-saturation --set connection-saturation.max_used_fraction=0.0001\n")
                .doesNotContain("--set missing-analyze");

        String index = Files.readString(out.resolve("index.md"));
        assertThat(index).startsWith("<!-- pgwarden runbook -->").contains("0 passed, 2 failed").doesNotContain("Nothing failed");
        names.stream().filter(n -> !n.equals("index.md")).forEach(n -> assertThat(index).contains("](" + n + ")"));

        assertPasswordInNoFile(out);
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aHealthyDatabaseGetsAnIndexSayingNothingFailedAndNoPages() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "runbook_healthy");
        Path out = dir.resolve("runbook");
        Files.createDirectories(out);
        Files.writeString(out.resolve("index.md"), "<!-- pgwarden runbook -->\nan earlier run\n");
        Files.writeString(out.resolve("missing-analyze--public-gone-00000000.md"), "fixed since");

        Run run = export("--url", urlWithPassword(pg, db), "--check", "missing-analyze", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("index.md");
        }
        assertThat(Files.readString(out.resolve("index.md"))).contains("1 passed, 0 failed")
                .contains("Nothing failed: no check found anything to fix, so there are no pages.");
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("no temporary directory left").containsExactly("runbook");
        }
        assertPasswordInNoFile(out);
    }

    @Test
    void refusesAnOutDirectoryHoldingOtherFilesAndLeavesThemAlone() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        Path out = dir.resolve("notes");
        Files.createDirectories(out);
        Files.writeString(out.resolve("todo.txt"), "mine");

        Run run = export("--url", urlWithPassword(pg, "postgres"), "--check", "missing-analyze", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is not empty and is not a previous runbook");
        assertThat(Files.readString(out.resolve("todo.txt"))).isEqualTo("mine");
    }

    @Test
    void anUnreachableTargetExitsThreeAndWritesNothing() {
        Path out = dir.resolve("runbook");

        Run run = export("--url", "postgresql://postgres:" + PASSWORD + "@localhost:1/postgres", "--check", "missing-analyze",
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(out).doesNotExist();
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void listedAmongTheExportKinds() {
        CommandLineRun help = CommandLineRun.of("export", "--help");
        assertThat(help.out()).contains("runbook");
        assertThat(CommandLineRun.of("export", "runbook", "--url", "postgresql://x@localhost:1/db", "--check", "no-such-check")
                .failedWith(ExitCodes.USAGE).errorLine()).contains("no-such-check");
    }

    private static void assertPasswordInNoFile(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(PASSWORD);
            }
        }
    }
}
