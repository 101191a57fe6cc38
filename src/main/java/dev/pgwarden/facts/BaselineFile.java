package dev.pgwarden.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A baseline on disk: the measurements of one target at one moment, and its top statements with the shape of
 * their plans, in JSON ({@code format: pgwarden-baseline/1}). Written atomically; read back as {@link BaselineValue}s
 * and {@link RecordedStatements}. A file saved before baselines kept statements has no {@code statements} key.
 */
public final class BaselineFile {

    public static final String FORMAT = "pgwarden-baseline/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaselineFile() {
    }

    public static void write(Path file, String target, int serverVersionNum, List<Measurement> measurements) throws IOException {
        write(file, target, serverVersionNum, measurements, RecordedStatements.absent());
    }

    public static void write(Path file, String target, int serverVersionNum, List<Measurement> measurements,
            RecordedStatements statements) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("target", target);
        root.put("saved_at", Instant.now().toString());
        root.put("server_version_num", serverVersionNum);
        ArrayNode values = root.putArray("measurements");
        for (Measurement m : measurements) {
            values.addObject().put("object", m.object()).put("metric", m.metric()).put("value", m.value());
        }
        if (statements.recorded()) {
            writeStatements(root, statements);
        }
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param saveCommand the command that saves a baseline, as the user runs pgwarden, for the hint
     * @throws IllegalArgumentException naming the file and what was expected
     */
    public static List<BaselineValue> read(Path file, String saveCommand) {
        JsonNode root = root(file, saveCommand);
        String savedAt = root.path("saved_at").asText();
        List<BaselineValue> values = new ArrayList<>();
        for (JsonNode m : root.path("measurements")) {
            if (!m.path("value").isNumber() || m.path("object").asText().isEmpty() || m.path("metric").asText().isEmpty()) {
                throw new IllegalArgumentException(file + ": measurement " + m + " needs object, metric and a numeric value");
            }
            values.add(new BaselineValue(m.path("object").asText(), m.path("metric").asText(), m.path("value").asDouble(), savedAt));
        }
        return values;
    }

    private static JsonNode root(Path file, String saveCommand) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a pgwarden baseline (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(file + ": not a pgwarden baseline: expected \"format\": \"" + FORMAT
                    + "\" (make one with '" + saveCommand + "')");
        }
        return root;
    }

    private static void writeStatements(ObjectNode root, RecordedStatements recorded) {
        if (recorded.note() != null) {
            root.put("statements_note", recorded.note());
        }
        ArrayNode statements = root.putArray("statements");
        for (BaselineStatement s : recorded.statements()) {
            ObjectNode statement = statements.addObject().put("queryid", s.queryid()).put("query", s.query())
                    .put("calls", s.calls()).put("mean_exec_time_ms", s.meanMs()).put("plan_note", s.planNoteThen());
            if (s.plannable()) {
                statement.set("plan", JSON.valueToTree(s.shape().nodes()));
            } else {
                statement.putNull("plan");
            }
        }
    }

    /** The statements the file recorded; {@code recorded} false for a file saved before baselines kept them. */
    public static RecordedStatements readStatements(Path file, String saveCommand) {
        JsonNode root = root(file, saveCommand);
        if (!root.has("statements")) {
            return RecordedStatements.absent();
        }
        String savedAt = root.path("saved_at").asText();
        List<BaselineStatement> statements = new ArrayList<>();
        for (JsonNode s : root.path("statements")) {
            if (!s.path("queryid").canConvertToLong() || !s.path("query").isTextual() || !s.path("plan_note").isTextual()) {
                throw new IllegalArgumentException(file + ": statement " + s + " needs queryid, query and plan_note");
            }
            PlanShape shape;
            try {
                shape = s.path("plan").isArray() ? new PlanShape(List.of(JSON.treeToValue(s.path("plan"), PlanNode[].class))) : null;
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": the plan of queryid " + s.path("queryid").asText() + " is unreadable ("
                        + firstLine(e.getMessage()) + ")");
            }
            statements.add(new BaselineStatement(s.path("queryid").asLong(), s.path("query").asText(), s.path("calls").asLong(),
                    s.path("mean_exec_time_ms").isNumber() ? s.path("mean_exec_time_ms").asDouble() : null, shape,
                    s.path("plan_note").asText(), savedAt));
        }
        return new RecordedStatements(true, root.hasNonNull("statements_note") ? root.path("statements_note").asText() : null, statements);
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("");
    }
}
