package dev.pgwarden.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.RunSummary;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A suite file accepting the findings of a run, for adopting pgwarden on a database with a backlog: the run's checks
 * with the parameters it judged with, and one waiver per failing object (its name exactly, never a wildcard), each
 * with the same reason and expiry. Its {@code waivers:} list is in the suite format and can be copied into a suite.
 *
 * @param owner who answers for the waivers; null to leave them without one
 */
public record WaiverFile(String reason, LocalDate expires, String owner) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** The file, and the objects left out because their names hold a glob's {@code *} or {@code ?}. */
    public record Written(String yaml, int waivers, List<String> leftOut) {
    }

    public Written of(List<RunSummary> runs, String suiteName) throws IOException {
        ObjectNode root = YAML.createObjectNode();
        root.put("name", suiteName);
        root.put("description", "The checks and parameters of the run of " + runs.get(0).startedAt() + ", with its findings waived until "
                + expires + ".");
        ObjectNode checks = root.putObject("checks");
        Set<String> written = new LinkedHashSet<>();
        List<String> leftOut = new ArrayList<>();
        var waivers = root.putArray("waivers");
        for (RunSummary run : runs) {
            for (CheckResult check : run.checks()) {
                if (!checks.has(check.id())) {
                    ObjectNode parameters = checks.putObject(check.id()).putObject("parameters");
                    check.parameters().forEach(parameters::put);
                }
                for (Finding finding : check.findings()) {
                    if (finding.object().contains("*") || finding.object().contains("?")) {
                        leftOut.add(check.id() + " on " + finding.object());
                    } else if (written.add(check.id() + "\n" + finding.object())) {
                        ObjectNode waiver = waivers.addObject().put("check", check.id()).put("object", finding.object())
                                .put("reason", reason).put("expires", expires.toString());
                        if (owner != null) {
                            waiver.put("owner", owner);
                        }
                    }
                }
            }
        }
        return new Written(YAML.writeValueAsString(root), written.size(), leftOut);
    }
}
