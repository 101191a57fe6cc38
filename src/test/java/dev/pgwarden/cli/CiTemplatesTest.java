package dev.pgwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pgwarden.report.JunitXmlReport;
import dev.pgwarden.report.MarkdownReport;
import dev.pgwarden.report.SarifReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The templates in ci/ parse, and every {@code pgwarden check} command in them is one the CLI accepts: its
 * options are CheckCommand's (read from picocli's model), its formats are known, and the report paths the
 * CI steps read are where those formats write.
 */
class CiTemplatesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CI = Path.of("ci");
    private static final Pattern CHECK_COMMAND = Pattern.compile("pgwarden\\.jar check((?:[ \\t]+(?:\"[^\"]*\"|'[^']*'|[^\\s;&|'\"]+))*)");

    @Test
    void githubActionsRunsACheckAndPublishesJunitSarifAndTheMarkdownSummary() throws IOException {
        JsonNode job = YAML.readTree(CI.resolve("github-actions.yml").toFile()).at("/jobs/pgwarden");
        assertThat(job.at("/services/postgres/image").asText()).startsWith("postgres:");
        List<String> runs = new ArrayList<>();
        List<String> uses = new ArrayList<>();
        job.path("steps").forEach(step -> {
            runs.add(step.path("run").asText());
            uses.add(step.path("uses").asText() + " " + step.path("with"));
        });
        CheckLine check = onlyCheck(String.join("\n", runs));
        assertThat(String.join("\n", runs)).contains("cat " + check.file(MarkdownReport.FILE_NAME) + " >> \"$GITHUB_STEP_SUMMARY\"");
        assertThat(uses).anyMatch(u -> u.startsWith("actions/upload-artifact@") && u.contains(check.file(JunitXmlReport.FILE_NAME))
                && u.contains(check.file(SarifReport.FILE_NAME)));
        assertThat(uses).anyMatch(u -> u.startsWith("github/codeql-action/upload-sarif@") && u.contains(check.file(SarifReport.FILE_NAME)));
    }

    @Test
    void gitlabJobReportsTheJunitXml() throws IOException {
        JsonNode job = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile()).path("pgwarden");
        List<String> script = new ArrayList<>();
        job.path("script").forEach(line -> script.add(line.asText()));
        CheckLine check = onlyCheck(String.join("\n", script));
        assertThat(job.at("/artifacts/reports/junit").asText()).isEqualTo(check.file(JunitXmlReport.FILE_NAME));
        assertThat(job.at("/artifacts/when").asText()).isEqualTo("always");
    }

    @Test
    void jenkinsfileRecordsTheJunitXmlWithTheJunitStep() throws IOException {
        String jenkinsfile = Files.readString(CI.resolve("Jenkinsfile"));
        CheckLine check = onlyCheck(jenkinsfile);
        assertThat(jenkinsfile).contains("junit testResults: '" + check.file(JunitXmlReport.FILE_NAME) + "'")
                .contains("credentials('pgwarden-monitor')");
        assertThat(jenkinsfile.chars().filter(c -> c == '{').count()).isEqualTo(jenkinsfile.chars().filter(c -> c == '}').count());
    }

    @Test
    void kubernetesCronJobAuditsAsTheSecretsRoleIntoTheVolume() throws IOException {
        List<JsonNode> documents = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(CI.resolve("k8s-cronjob.yaml").toFile()).readAll();
        JsonNode cronJob = documents.stream().filter(d -> d.path("kind").asText().equals("CronJob")).findFirst().orElseThrow();
        assertThat(cronJob.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(cronJob.at("/spec/schedule").asText().split(" ")).hasSize(5);
        JsonNode pod = cronJob.at("/spec/jobTemplate/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        String script = container.at("/args/0").asText();
        CheckLine check = onlyCheck(script);
        assertThat(check.reportDir()).isEqualTo("$dir");
        Matcher dir = Pattern.compile("\\bdir=(\\S+)").matcher(script);
        assertThat(dir.find()).isTrue();
        assertThat(dir.group(1)).startsWith(container.at("/volumeMounts/0/mountPath").asText() + "/");
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText())
                .isEqualTo(documents.get(0).at("/metadata/name").asText());
        List<String> fromSecret = new ArrayList<>();
        container.path("env").forEach(e -> {
            if (e.at("/valueFrom/secretKeyRef/name").asText().equals("pgwarden-monitor")) {
                fromSecret.add(e.path("name").asText());
            }
        });
        assertThat(fromSecret).containsExactlyInAnyOrder("PGUSER", "PGPASSWORD");
    }

    /** The one check command in a template, parsed by the real CheckCommand and its format rules. */
    private static CheckLine onlyCheck(String text) {
        Matcher m = CHECK_COMMAND.matcher(text.replace("\\\n", " "));
        assertThat(m.find()).as("a 'pgwarden.jar check' command in:\n" + text).isTrue();
        List<String> args = new ArrayList<>();
        for (String token : m.group(1).trim().split("\\s+")) {
            args.add(token.replaceAll("^[\"']|[\"']$", ""));
        }
        assertThat(m.find()).as("only one check command").isFalse();
        CheckCommand command = new CheckCommand();
        CommandLine.ParseResult parsed = new CommandLine(command).parseArgs(args.toArray(String[]::new));
        for (String option : args.stream().filter(a -> a.startsWith("--")).map(a -> a.split("=", 2)[0]).toList()) {
            assertThat(parsed.commandSpec().optionsMap()).as("option of pgwarden check").containsKey(option);
        }
        assertThat(command.reportDir).as("--report-dir").isNotNull();
        ReportFormats.parse(command.formats, Path.of("target", "ci-template-check"), true,
                new dev.pgwarden.report.RunProperties("test", command.suite));
        return new CheckLine(command.reportDir.toString().replace("\"", ""));
    }

    private record CheckLine(String reportDir) {
        String file(String name) {
            return reportDir + "/" + name;
        }
    }
}
