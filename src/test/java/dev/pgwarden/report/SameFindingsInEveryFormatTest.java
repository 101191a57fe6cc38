package dev.pgwarden.report;

import static dev.pgwarden.testing.ReportTarget.CRITICAL_CHECK;
import static dev.pgwarden.testing.ReportTarget.UNHEALTHY_TABLE;
import static dev.pgwarden.testing.ReportTarget.WARNING_CHECK;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgwarden.testing.ReportTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** One run's findings, as check and object, are the same in the JSON, JUnit XML, SARIF, Markdown and Allure reports. */
class SameFindingsInEveryFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static Set<String> expected;

    @BeforeAll
    static void run() throws Exception {
        dir = ReportTarget.get().allFormats().dir();
        expected = new HashSet<>();
        for (JsonNode check : JSON.readTree(dir.resolve(JsonReport.FILE_NAME).toFile()).path("checks")) {
            check.path("findings").forEach(f -> expected.add(check.path("id").asText() + " " + f.path("object").asText()));
        }
    }

    @Test
    void jsonHasTheTwoFindings() {
        assertThat(expected).hasSize(2).contains(WARNING_CHECK + " " + UNHEALTHY_TABLE)
                .anyMatch(s -> s.startsWith(CRITICAL_CHECK + " "));
    }

    @Test
    void sarifResultsAreTheSameFindings() throws Exception {
        Set<String> found = new HashSet<>();
        JSON.readTree(dir.resolve(SarifReport.FILE_NAME).toFile()).at("/runs/0/results").forEach(r ->
                found.add(r.path("ruleId").asText() + " " + r.at("/message/text").asText().split(": ", 2)[0]));
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void junitXmlFailuresNameTheSameObjects() throws Exception {
        NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve(JunitXmlReport.FILE_NAME).toFile()).getElementsByTagName("testcase");
        Set<String> found = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            NodeList failures = testcase.getElementsByTagName("failure");
            if (failures.getLength() > 0) {
                String message = ((Element) failures.item(0)).getAttribute("message");
                expected.stream().filter(e -> e.startsWith(testcase.getAttribute("name") + " "))
                        .filter(e -> message.contains(e.split(" ", 2)[1])).forEach(found::add);
            }
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void markdownAndAllureNameTheSameObjects() throws Exception {
        String markdown = Files.readString(dir.resolve(MarkdownReport.FILE_NAME));
        Set<String> allure = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve(AllureReport.DIRECTORY))) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                String message = JSON.readTree(file.toFile()).at("/statusDetails/message").asText();
                expected.stream().filter(e -> message.contains(e.split(" ", 2)[1])).forEach(allure::add);
            }
        }
        for (String finding : expected) {
            assertThat(markdown).contains("`" + finding.split(" ", 2)[1] + "`");
        }
        assertThat(allure).isEqualTo(expected);
    }
}
