package dev.pgwarden.report;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.ComplianceControl;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import dev.pgwarden.results.WaivedFinding;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code TEST-pgwarden.xml} in the Ant/Surefire JUnit XML format CI servers read: one {@code <testcase>} per check,
 * a {@code <failure>} listing its findings with remediation and rollback, {@code <skipped>} and {@code <error>} with
 * the reason, and a target that could not be checked as an error of its own. {@code <properties>} hold only
 * {@link RunProperties}: the JUnit Platform's own writer puts every JVM system property there, the command line
 * with any password in it among them.
 */
public final class JunitXmlReport {

    public static final String FILE_NAME = "TEST-pgwarden.xml";
    private final RunProperties properties;
    private final PreviousRun previous;

    public JunitXmlReport(RunProperties properties) {
        this(properties, PreviousRun.NONE);
    }

    /** @param previous the run each finding is {@code new} or {@code known} against, as a property of its test case */
    public JunitXmlReport(RunProperties properties, PreviousRun previous) {
        this.properties = properties;
        this.previous = previous;
    }

    public Path write(RunSummary run, Path directory) throws IOException {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            writeSuite(xml, run);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + FILE_NAME + ": " + e.getMessage(), e);
        }
        return AtomicFile.write(directory.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeSuite(XMLStreamWriter xml, RunSummary run) throws XMLStreamException {
        int targetErrors = run.targetFailed() ? 1 : 0;
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", "pgwarden");
        xml.writeAttribute("tests", Integer.toString(run.checks().size() + targetErrors));
        xml.writeAttribute("skipped", Long.toString(run.count(Status.SKIPPED)));
        xml.writeAttribute("failures", Long.toString(run.count(Status.FAILED)));
        xml.writeAttribute("errors", Long.toString(run.count(Status.ERROR) + targetErrors));
        xml.writeAttribute("time", seconds(run.durationMs()));
        xml.writeAttribute("timestamp",
                LocalDateTime.ofInstant(run.startedAt(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString());
        xml.writeCharacters("\n");
        writeProperties(xml, properties.of(run));
        for (CheckResult check : run.checks()) {
            writeCase(xml, run, check);
        }
        if (run.targetFailed()) {
            writeTargetFailure(xml, run);
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void writeProperties(XMLStreamWriter xml, Map<String, String> properties) throws XMLStreamException {
        xml.writeStartElement("properties");
        xml.writeCharacters("\n");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", XmlText.of(property.getKey()));
            xml.writeAttribute("value", XmlText.of(property.getValue()));
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private void writeCase(XMLStreamWriter xml, RunSummary run, CheckResult check) throws XMLStreamException {
        startCase(xml, check.id(), check.target(), check.durationMs());
        // One properties element per test case: the CIS controls the check evaluates (cis.3.1.20 =
        // "level 1: <title>"), and which findings are new since the previous run, for CI servers that show them.
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (ComplianceControl control : check.details().controls()) {
            properties.put("cis." + control.id(), "level " + control.level() + ": " + control.title()
                    + (control.manual() ? " (manual)" : ""));
        }
        if (previous.given()) {
            check.findings().forEach(f -> properties.put("pgwarden.baseline_state." + f.object(), previous.state(run, check, f).orElseThrow()));
        }
        if (!properties.isEmpty()) {
            writeProperties(xml, properties);
        }
        switch (check.status()) {
            case FAILED -> outcome(xml, "failure", failureMessage(check), check.effectiveSeverity().label(), findings(check.findings()));
            case SKIPPED -> outcome(xml, "skipped", check.reason(), null, null);
            case ERROR -> outcome(xml, "error", check.reason(), "error", null);
            case PASSED -> {
            }
        }
        List<String> output = new ArrayList<>();
        for (WaivedFinding waived : check.waived()) {
            output.add("[waived] " + waived.finding().object() + ": " + waived.finding().message() + " (" + waived.waiver().describe() + ")");
        }
        check.notes().forEach(note -> output.add("note: " + note));
        if (!output.isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(XmlText.of(String.join("\n", output)));
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** Nothing could be checked, or not everything: CI counts that as an error rather than as fewer tests. */
    private static void writeTargetFailure(XMLStreamWriter xml, RunSummary run) throws XMLStreamException {
        startCase(xml, "target", run.target(), 0);
        outcome(xml, "error", run.targetFailure(), run.targetUnreachable() ? "unreachable" : "lost", null);
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void startCase(XMLStreamWriter xml, String name, String target, long durationMs) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", XmlText.of(name));
        xml.writeAttribute("classname", XmlText.of("pgwarden " + target));
        xml.writeAttribute("time", seconds(durationMs));
        xml.writeCharacters("\n");
    }

    private static void outcome(XMLStreamWriter xml, String element, String message, String type, String body) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("message", XmlText.of(message));
        if (type != null) {
            xml.writeAttribute("type", type);
        }
        if (body != null) {
            xml.writeCharacters(XmlText.of(body));
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    /** One line a CI summary can show: how many findings, and which object is wrong how. */
    private static String failureMessage(CheckResult check) {
        int count = check.findings().size();
        return count + (count == 1 ? " finding: " : " findings: ")
                + check.findings().stream().map(f -> f.object() + ": " + f.message()).collect(Collectors.joining("; "));
    }

    private static String findings(List<Finding> findings) {
        StringBuilder text = new StringBuilder();
        for (Finding f : findings) {
            text.append("[").append(f.severity().label()).append("] ").append(f.object()).append(": ").append(f.message()).append('\n')
                    .append("  remediation:\n").append(indented(f.remediation()))
                    .append("  rollback:\n").append(indented(f.rollback()));
        }
        return text.toString();
    }

    private static String indented(String text) {
        return text.lines().map(line -> "    " + line + "\n").collect(Collectors.joining());
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
