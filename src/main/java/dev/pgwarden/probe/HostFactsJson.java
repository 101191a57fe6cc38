package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The envelope's {@code host_facts} object, written and read in one place (see docs/probe.md). */
final class HostFactsJson {

    static final String HOST_FACTS = "host_facts";
    private static final String HOST = "host";
    private static final String COLLECTED_AT = "collected_at";
    private static final String DATA_DIRECTORY = "data_directory";
    private static final String MEMORY = "memory";
    private static final String TOTAL_BYTES = "total_bytes";
    private static final String AVAILABLE_BYTES = "available_bytes";
    private static final String FILESYSTEMS = "filesystems";
    private static final String MOUNT_POINT = "mount_point";
    private static final String TYPE = "type";
    private static final String DEVICE = "device";
    private static final String HOLDS = "holds";
    private static final String FREE_BYTES = "free_bytes";
    private static final String ACCESS = "access";
    private static final String POSTMASTER_USER = "postmaster_user";
    private static final String UMASK = "umask";
    private static final String PG_VERSION = "pg_version";
    private static final String DATABASES_INITIALIZED = "databases_initialized";
    private static final String FIPS_ENABLED = "fips_enabled";
    private static final String PATHS = "paths";
    private static final String LABEL = "label";
    private static final String PATH = "path";
    private static final String MODE = "mode";
    private static final String OWNER = "owner";
    private static final String GROUP = "group";

    private HostFactsJson() {
    }

    static ObjectNode toJson(HostFacts facts) {
        ObjectNode node = EnvelopeJson.MAPPER.createObjectNode()
                .put(HOST, facts.host())
                .put(COLLECTED_AT, facts.collectedAt().toString())
                .put(DATA_DIRECTORY, facts.dataDirectory());
        node.putObject(MEMORY).put(TOTAL_BYTES, facts.memoryTotalBytes()).put(AVAILABLE_BYTES, facts.memoryAvailableBytes());
        ArrayNode filesystems = node.putArray(FILESYSTEMS);
        for (HostFilesystem fs : facts.filesystems()) {
            ObjectNode f = filesystems.addObject().put(MOUNT_POINT, fs.mountPoint()).put(TYPE, fs.type()).put(DEVICE, fs.device());
            fs.holds().forEach(f.putArray(HOLDS)::add);
            f.put(FREE_BYTES, fs.freeBytes()).put(TOTAL_BYTES, fs.totalBytes());
        }
        if (facts.access() != null) {
            writeAccess(node.putObject(ACCESS), facts.access());
        }
        return node;
    }

    /** Modes and the umask are octal text ("0700"), as ls, chmod and /proc/PID/status write them. */
    private static void writeAccess(ObjectNode node, HostAccess access) {
        node.put(POSTMASTER_USER, access.postmasterUser()).put(UMASK, access.umask() < 0 ? null : access.umaskText())
                .put(PG_VERSION, access.pgVersion()).put(DATABASES_INITIALIZED, access.databasesInitialized())
                .put(FIPS_ENABLED, access.fipsEnabled());
        ArrayNode paths = node.putArray(PATHS);
        access.paths().forEach(p -> paths.addObject().put(LABEL, p.label()).put(PATH, p.path()).put(MODE, p.modeText())
                .put(OWNER, p.owner()).put(GROUP, p.group()));
        if (access.system() != null) {
            HostSystemJson.write(node.putObject(HostSystemJson.SYSTEM), access.system());
        }
    }

    /** The optional access object; envelopes written before pgwarden collected it have none. */
    private static HostAccess readAccess(JsonNode node, String source, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        List<HostPath> paths = new ArrayList<>();
        JsonNode list = node.path(PATHS);
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String at = where + "." + PATHS + "[" + i + "]";
            try {
                paths.add(new HostPath(JsonValues.requiredText(p, LABEL, source, at), JsonValues.requiredText(p, PATH, source, at),
                        octal(JsonValues.requiredText(p, MODE, source, at)), p.path(OWNER).asText(""), p.path(GROUP).asText("")));
            } catch (IllegalArgumentException e) {
                throw new ProbeFormatException(source, at + ": " + e.getMessage());
            }
        }
        String umask = node.path(UMASK).asText("");
        try {
            return new HostAccess(node.path(POSTMASTER_USER).asText(""), umask.isEmpty() ? -1 : octal(umask),
                    node.path(PG_VERSION).asText(""), node.path(DATABASES_INITIALIZED).asBoolean(false),
                    node.path(FIPS_ENABLED).asBoolean(false), paths,
                    HostSystemJson.read(node.path(HostSystemJson.SYSTEM), source, where + "." + HostSystemJson.SYSTEM));
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, where + "." + UMASK + ": " + e.getMessage());
        }
    }

    private static int octal(String text) {
        try {
            return Integer.parseInt(text, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected octal permission bits such as 0700, found '" + text + "'");
        }
    }

    static HostFacts fromJson(JsonNode node, String source) {
        String where = "envelope." + HOST_FACTS;
        JsonNode memory = node.path(MEMORY);
        JsonNode list = node.path(FILESYSTEMS);
        if (!list.isArray()) {
            throw new ProbeFormatException(source, where + ": expected a list '" + FILESYSTEMS + "'");
        }
        List<HostFilesystem> filesystems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            String at = where + "." + FILESYSTEMS + "[" + i + "]";
            List<String> holds = new ArrayList<>();
            f.path(HOLDS).forEach(h -> holds.add(h.asText()));
            try {
                filesystems.add(new HostFilesystem(JsonValues.requiredText(f, MOUNT_POINT, source, at),
                        f.path(TYPE).asText(""), f.path(DEVICE).asText(""), holds,
                        JsonValues.requiredLong(f, FREE_BYTES, source, at), JsonValues.requiredLong(f, TOTAL_BYTES, source, at)));
            } catch (IllegalArgumentException e) {
                throw new ProbeFormatException(source, at + ": " + e.getMessage());
            }
        }
        return new HostFacts(JsonValues.requiredText(node, HOST, source, where), collectedAt(node, source, where),
                JsonValues.requiredText(node, DATA_DIRECTORY, source, where),
                JsonValues.requiredLong(memory, TOTAL_BYTES, source, where + "." + MEMORY),
                JsonValues.requiredLong(memory, AVAILABLE_BYTES, source, where + "." + MEMORY), filesystems,
                readAccess(node.path(ACCESS), source, where + "." + ACCESS));
    }

    private static Instant collectedAt(JsonNode node, String source, String where) {
        String text = JsonValues.requiredText(node, COLLECTED_AT, source, where);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProbeFormatException(source, where + "." + COLLECTED_AT + ": expected an ISO-8601 instant, found " + text);
        }
    }
}
