package dev.pgwarden.cli;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.url;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgwarden run as its own process in a locale that is not UTF-8 ({@code LANG} unset, as in many CI containers):
 * what the console's charset cannot encode is written in ASCII, never as Java's '?'.
 */
class ConsoleTextTest {

    private static final List<String> LOCALE = List.of("LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE");

    @TempDir
    Path dir;

    @Test
    void listWritesTheMultiplicationSignAsAnXWhenTheLocaleIsUnset() throws Exception {
        for (List<String> options : List.of(List.<String>of(), List.of("-Dfile.encoding=UTF-8"),
                List.of("-Dfile.encoding=ANSI_X3.4-1968", "-Dsun.stdout.encoding=ANSI_X3.4-1968"))) {
            Output run = pgwarden(Map.of(), options, "list");

            assertThat(run.exitCode()).as("%s: %s", options, run.err()).isZero();
            assertThat(run.out()).as("%s", options).contains("(x trigger)", "(x autovacuum_naptime)")
                    .doesNotContain("?").doesNotContain("×");
        }
    }

    @Test
    void listWritesUtf8WhenTheLocaleOrStdoutEncodingSaysSo() throws Exception {
        assertThat(pgwarden(Map.of("LANG", "C.UTF-8"), List.of(), "list").out()).contains("(× trigger)");
        assertThat(pgwarden(Map.of("LC_ALL", "en_US.utf8", "LANG", "C"), List.of(), "list").out()).contains("(× trigger)");
        assertThat(pgwarden(Map.of(), List.of("-Dstdout.encoding=UTF-8"), "list").out()).contains("(× trigger)");
    }

    /** Also that a user's DRL is read as UTF-8 whatever the locale: its message reaches the console whole. */
    @Test
    void findingsAndRemediationsAreWrittenInAsciiWhenTheLocaleIsUnset() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String db = createDatabase(pg, "console");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("console-text.drl"), """
                package dev.pgwarden.rules;
                import dev.pgwarden.facts.DatabaseAge;
                global dev.pgwarden.rules.FindingSink findings;
                rule "every database"
                when
                    $a : DatabaseAge()
                then
                    findings.report("aged", $a, "age is 7.5× its trigger … of ≈ 10 µs – “quoted” Grüße 名");
                end
                """);
        Files.writeString(rules.resolve("console-text.yaml"), """
                id: console-text
                title: Console text
                category: design
                severity: warning
                description: Reports every database, with characters a console may not take.
                facts: [database_age]
                findings:
                  aged:
                    remediation: VACUUM → {object}
                    rollback: nothing ∞
                """);

        Output run = pgwarden(Map.of(), List.of(), "check", "--url", url(pg, db), "--rules", rules.toString(),
                "--check", "console-text", "--format", "console");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("age is 7.5x its trigger ... of ~ 10 us - \"quoted\" Grusse <U+540D>")
                .contains("VACUUM -> ").contains("nothing inf").doesNotContain("?");
    }

    private Output pgwarden(Map<String, String> locale, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        LOCALE.forEach(builder.environment()::remove);
        builder.environment().putAll(locale);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("pgwarden ended").isTrue();
        return new Output(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private record Output(int exitCode, String out, String err) {
    }
}
