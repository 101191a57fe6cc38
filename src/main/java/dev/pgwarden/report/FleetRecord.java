package dev.pgwarden.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.PgwardenVersion;
import dev.pgwarden.results.RunSummary;
import dev.pgwarden.results.RunSummaryCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pgwarden-fleet.json}, beside the target directories of a fleet's report: every target's whole run, its
 * place in the fleet file, and how the run was asked for, so {@code pgwarden merge} can report the shards of a
 * fleet as one run would have.
 *
 * @param suite     the suite as the user named it, for the merged reports' properties
 * @param shard     "I/N" when this run checked one slice of the fleet, null when it checked all of it
 * @param fleetSize how many targets the whole fleet file has
 * @param targets   the targets this run checked, in the fleet file's order
 */
public record FleetRecord(List<String> formats, String failOn, String suite, String shard, int fleetSize, List<Entry> targets) {

    public static final String FILE_NAME = "pgwarden-fleet.json";
    private static final ObjectMapper MAPPER = CheckResultCodec.mapper();

    /** One target: its name (and report directory), its position in the fleet file, its run. */
    public record Entry(String name, int position, RunSummary run) {
    }

    public FleetRecord {
        formats = List.copyOf(formats);
        targets = List.copyOf(targets);
    }

    public Path write(Path directory) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        PgwardenVersion pgwarden = PgwardenVersion.current();
        root.putObject("pgwarden").put("version", pgwarden.version()).put("commit", pgwarden.commit());
        formats.forEach(format -> root.withArray("formats").add(format));
        root.put("fail_on", failOn);
        root.put("suite", suite);
        root.put("shard", shard);
        root.put("fleet_size", fleetSize);
        root.putArray("targets");
        for (Entry entry : targets) {
            root.withArray("targets").addObject().put("name", entry.name()).put("position", entry.position())
                    .set("run", RunSummaryCodec.toJson(entry.run()));
        }
        return AtomicFile.write(directory.resolve(FILE_NAME), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    /** @throws IllegalArgumentException naming the file when it is missing or not one pgwarden wrote */
    public static FleetRecord read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(directory + ": no " + FILE_NAME + "; give report directories of 'check --targets ... --report-dir'");
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            List<String> formats = new ArrayList<>();
            root.path("formats").forEach(format -> formats.add(format.asText()));
            List<Entry> targets = new ArrayList<>();
            for (JsonNode target : root.path("targets")) {
                targets.add(new Entry(target.path("name").asText(), target.path("position").asInt(),
                        RunSummaryCodec.fromJson(target.path("run"))));
            }
            return new FleetRecord(formats, root.path("fail_on").asText(), root.path("suite").asText("default"), root.path("shard").isNull() ? null : root.path("shard").asText(),
                    root.path("fleet_size").asInt(), targets);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a fleet record pgwarden wrote (" + e.getMessage() + ")", e);
        }
    }
}
