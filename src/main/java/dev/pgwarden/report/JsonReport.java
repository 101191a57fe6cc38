package dev.pgwarden.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code pgwarden.json}: the whole run, machine-readable, in the format the README documents. */
public final class JsonReport {

    public static final String FILE_NAME = "pgwarden.json";
    private final PreviousRun previous;

    public JsonReport() {
        this(PreviousRun.NONE);
    }

    /** @param previous the run each finding's {@code baseline_state} ({@code new} or {@code known}) is judged against */
    public JsonReport(PreviousRun previous) {
        this.previous = previous;
    }

    public Path write(RunSummary run, Path directory) throws IOException {
        ObjectNode root = CheckResultCodec.mapper().createObjectNode();
        root.put("target", run.target());
        if (run.platform() != null) {
            root.put("platform", run.platform());
        }
        PgwardenVersion pgwarden = PgwardenVersion.current();
        root.putObject("pgwarden").put("version", pgwarden.version()).put("commit", pgwarden.commit());
        if (run.provenance() != null) {
            root.set("provenance", CheckResultCodec.mapper().valueToTree(run.provenance()));
        }
        root.put("started_at", run.startedAt().toString());
        root.put("duration_ms", run.durationMs());
        if (run.targetFailed()) {
            root.put("target_error", run.targetFailure());
        }
        ArrayNode checks = root.putArray("checks");
        for (CheckResult check : run.checks()) {
            ObjectNode node = CheckResultCodec.toJson(check);
            node.remove("target");
            for (int i = 0; i < check.findings().size(); i++) {
                int index = i;
                previous.state(run, check, check.findings().get(i))
                        .ifPresent(state -> ((ObjectNode) node.path("findings").get(index)).put("baseline_state", state));
            }
            checks.add(node);
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("total", run.checks().size());
        for (Status status : Status.values()) {
            summary.put(status.name().toLowerCase(Locale.ROOT), run.count(status));
        }
        return AtomicFile.write(directory.resolve(FILE_NAME),
                CheckResultCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
