package dev.pgwarden.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.RunSummaryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The runs of an earlier report, as {@code diff}, {@code check --previous} and {@code waive --from} read them: a report
 * directory ({@code pgwarden.json} of one target, or {@code pgwarden-fleet.json} of a fleet or a merged one) or either
 * file itself.
 */
public final class ReportInput {

    private ReportInput() {
    }

    /** @throws IllegalArgumentException naming the path when it is missing or not a report pgwarden wrote */
    public static List<RunSummary> read(Path path) {
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(FleetRecord.FILE_NAME))) {
                return FleetRecord.read(path).targets().stream().map(FleetRecord.Entry::run).toList();
            }
            Path json = path.resolve(JsonReport.FILE_NAME);
            if (!Files.isRegularFile(json)) {
                throw new IllegalArgumentException(path + ": no " + JsonReport.FILE_NAME + " or " + FleetRecord.FILE_NAME
                        + "; give a report directory of 'check --report-dir DIR' (with the json format) or a JSON report");
            }
            return read(json);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(path + ": no such report file or directory");
        }
        if (path.getFileName().toString().equals(FleetRecord.FILE_NAME)) {
            return read(path.getParent() == null ? Path.of(".") : path.getParent());
        }
        try {
            JsonNode root = CheckResultCodec.mapper().readTree(path.toFile());
            if (root == null || !root.has("checks") || !root.has("started_at")) {
                throw new IllegalArgumentException(path + ": not a JSON report pgwarden wrote (no 'checks' and 'started_at')");
            }
            return List.of(RunSummaryCodec.fromJson(root));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage().startsWith(path.toString())) {
                throw known;
            }
            throw new IllegalArgumentException(path + ": not a JSON report pgwarden wrote (" + e.getMessage() + ")", e);
        }
    }
}
