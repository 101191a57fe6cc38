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
    private static final Pattern CHECK_COMMAND = Pattern.compile("\\bpgwarden\"? check((?:[ \\t]+(?:\"[^\"]*\"|'[^']*'|[^\\s;&|'\"]+))*)");
    /** The release the templates run: the project's version, without -SNAPSHOT while it is being developed. */
    private static final String RELEASE = System.getProperty("pgwarden.test.project_version").replace("-SNAPSHOT", "");
    private static final List<String> TEMPLATES = List.of("github-actions.yml", "gitlab-ci.yml", "Jenkinsfile", "k8s-cronjob.yaml",
            "k8s-indexed-job.yaml", "Dockerfile");

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

    @Test
    void everyTemplateRunsTheReleasePinnedInOnePlaceAndBuildsNothing() throws IOException {
        for (String name : TEMPLATES) {
            Path template = CI.resolve(name);
            if (!Files.exists(template)) {
                continue;
            }
            String text = Files.readString(template);
            long pins = Pattern.compile(Pattern.quote(RELEASE)).matcher(text).results().count();
            if (name.equals("k8s-indexed-job.yaml")) {
                // Two Jobs, one image: every image line is the release (kustomize's images: sets them in one place).
                assertThat(text.lines().filter(line -> line.strip().startsWith("image:")).map(String::strip))
                        .as(name).hasSize(2).containsOnly("image: ghcr.io/pgwarden/pgwarden:" + RELEASE);
            } else {
                assertThat(pins).as("%s pins %s once", name, RELEASE).isOne();
            }
            assertThat(Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\b").matcher(text).results().map(m -> m.group())
                    .filter(v -> !v.equals(RELEASE)).toList()).as("%s names no other pgwarden version", name).isEmpty();
            String instructions = text.lines().filter(line -> !line.strip().startsWith("#") && !line.strip().startsWith("//"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            assertThat(instructions).as(name).doesNotContain("mvn ", "setup-java", "-jar", "maven:", "jdk");
        }
    }

    @Test
    void githubAndJenkinsDownloadTheReleaseTarballOfThePinnedVersion() throws IOException {
        String tarball = "pgwarden-${PGWARDEN_VERSION}-linux-x64.tar.gz";
        JsonNode workflow = YAML.readTree(CI.resolve("github-actions.yml").toFile());
        assertThat(workflow.at("/env/PGWARDEN_VERSION").asText()).isEqualTo(RELEASE);
        assertThat(workflow.at("/jobs/pgwarden/steps").findValuesAsText("run")).anyMatch(run -> run.contains("/v${PGWARDEN_VERSION}/" + tarball))
                .anyMatch(run -> run.contains("pgwarden-${PGWARDEN_VERSION}/bin\" >> \"$GITHUB_PATH\""));
        String jenkinsfile = Files.readString(CI.resolve("Jenkinsfile"));
        assertThat(jenkinsfile).contains("PGWARDEN_VERSION = '" + RELEASE + "'", "/v${PGWARDEN_VERSION}/" + tarball,
                "\"pgwarden-${PGWARDEN_VERSION}/bin/pgwarden\" check");
    }

    @Test
    void gitlabAndKubernetesRunTheReleasedImage() throws IOException {
        JsonNode gitlab = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile());
        assertThat(gitlab.at("/variables/PGWARDEN_VERSION").asText()).isEqualTo(RELEASE);
        assertThat(gitlab.at("/pgwarden/image/name").asText()).isEqualTo("ghcr.io/pgwarden/pgwarden:${PGWARDEN_VERSION}");
        assertThat(gitlab.at("/pgwarden/image/entrypoint/0").asText()).as("GitLab runs its script with the image's shell").isEmpty();
        JsonNode cronJob = YAML.readerFor(JsonNode.class).<JsonNode>readValues(CI.resolve("k8s-cronjob.yaml").toFile()).readAll().stream()
                .filter(d -> d.path("kind").asText().equals("CronJob")).findFirst().orElseThrow();
        assertThat(cronJob.at("/spec/jobTemplate/spec/template/spec/containers/0/image").asText())
                .isEqualTo("ghcr.io/pgwarden/pgwarden:" + RELEASE);
    }

    @Test
    void dockerfileUnpacksTheTarballAndRunsAsNonRoot() throws IOException {
        List<String> instructions = Files.readAllLines(CI.resolve("Dockerfile")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(instructions).contains("ARG PGWARDEN_VERSION=" + RELEASE,
                "ADD target/pgwarden-${PGWARDEN_VERSION}-linux-x64.tar.gz /opt/", "ENTRYPOINT [\"pgwarden\"]");
        assertThat(instructions).filteredOn(line -> line.startsWith("USER ")).singleElement().asString()
                .doesNotContain("root").doesNotMatch("USER 0(:.*)?");
        assertThat(instructions).filteredOn(line -> line.startsWith("FROM ")).singleElement().asString()
                .doesNotContainIgnoringCase("jdk").doesNotContainIgnoringCase("jre").doesNotContainIgnoringCase("maven");
        assertThat(instructions).noneMatch(line -> line.startsWith("RUN "));
    }

    @Test
    void indexedJobShardsTheFleetIntoTheSharedVolumeAndTheMergeJobReadsEveryShard() throws IOException {
        List<JsonNode> documents = YAML.readerFor(JsonNode.class)
                .<JsonNode>readValues(CI.resolve("k8s-indexed-job.yaml").toFile()).readAll();
        JsonNode claim = documents.get(0);
        JsonNode shards = documents.stream().filter(d -> d.at("/spec/completionMode").asText().equals("Indexed")).findFirst().orElseThrow();
        JsonNode merge = documents.stream().filter(d -> d.path("kind").asText().equals("Job") && d != shards).findFirst().orElseThrow();
        int count = shards.at("/spec/completions").asInt();
        assertThat(count).isGreaterThan(1);
        assertThat(claim.at("/spec/accessModes/0").asText()).isEqualTo("ReadWriteMany");

        JsonNode shardPod = shards.at("/spec/template/spec");
        String shardScript = shardPod.at("/containers/0/args/0").asText();
        CheckLine check = onlyCheck(shardScript);
        assertThat(shardScript).contains("--targets /fleet/fleet.yaml", "--shard " + count + " ");
        assertThat(check.reportDir()).isEqualTo("/reports/shard-$JOB_COMPLETION_INDEX");
        assertThat(mountPath(shardPod, "reports")).isEqualTo("/reports");
        assertThat(mountPath(shardPod, "fleet")).isEqualTo("/fleet");

        JsonNode mergePod = merge.at("/spec/template/spec");
        String mergeScript = mergePod.at("/containers/0/args/0").asText();
        assertThat(mergeScript).contains("/reports/shard-*/pgwarden-fleet.json 2>/dev/null | wc -l)\" -ge " + count + " ]",
                "pgwarden merge --report-dir /reports/merged /reports/shard-*");
        assertThat(mergePod.at("/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo(claim.at("/metadata/name").asText());
        assertThat(shardPod.findValuesAsText("claimName")).contains(claim.at("/metadata/name").asText());
        CommandLine.ParseResult parsed = new CommandLine(new MergeCommand())
                .parseArgs("--report-dir", "/reports/merged", "/reports/shard-0", "/reports/shard-1");
        assertThat(parsed.hasMatchedOption("--report-dir")).isTrue();
    }

    private static String mountPath(JsonNode pod, String volume) {
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        return null;
    }

    /** The one check command in a template, parsed by the real CheckCommand and its format rules. */
    private static CheckLine onlyCheck(String text) {
        Matcher m = CHECK_COMMAND.matcher(text.replace("\\\n", " "));
        assertThat(m.find()).as("a 'pgwarden check' command in:\n" + text).isTrue();
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
