package dev.pgwarden.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a report needs to prove which cluster was judged under which rules: the suite and every rule and
 * metadata file used, each with its SHA-256, the parameter values in effect, and the server's own identity.
 * Nothing of the connection settings: the target is described elsewhere, without a password.
 *
 * @param suite       the suite as its file is named ({@code checks/default.yaml} or the user's path)
 * @param suiteSha256 the SHA-256 of the suite file's text
 * @param files       each rule and metadata file used, as named in errors, to its SHA-256
 * @param parameters  each check's parameters in the form {@code --set} takes ({@code xid-age.max_age}) to its value
 * @param server      the server's identity; null when the run never connected
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Provenance(String suite, String suiteSha256, Map<String, String> files, Map<String, String> parameters,
        ServerIdentity server) {

    /** The report entry key under which the engine publishes each target's provenance as JSON. */
    public static final String REPORT_ENTRY = "pgwarden.provenance";

    public Provenance {
        Objects.requireNonNull(suite, "suite must not be null");
        Objects.requireNonNull(suiteSha256, "suiteSha256 must not be null");
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public Provenance withServer(ServerIdentity identity) {
        return new Provenance(suite, suiteSha256, files, parameters, identity);
    }

    /**
     * One SHA-256 for all rule and metadata files together: of their lines {@code <sha256>  <file>} sorted by file,
     * as {@code sha256sum} prints them. Equal in two reports when every file was.
     */
    public String rulesSha256() {
        StringBuilder lines = new StringBuilder();
        new java.util.TreeMap<>(files).forEach((file, sha256) -> lines.append(sha256).append("  ").append(file).append('\n'));
        return Sha256.of(lines.toString());
    }

    /**
     * The provenance as flat {@code key=value} pairs for reports that only have those (JUnit XML properties, Allure's
     * environment), keys under {@code provenance.}; the parameters are left to the report, which names them per check.
     */
    public Map<String, String> flat() {
        Map<String, String> flat = new LinkedHashMap<>();
        if (server != null) {
            flat.put("provenance.system_identifier", server.describeSystemIdentifier());
            flat.put("provenance.server_version", server.serverVersion());
            flat.put("provenance.database", server.database());
            flat.put("provenance.database_oid", String.valueOf(server.databaseOid()));
            flat.put("provenance.server_clock", String.valueOf(server.serverClock()));
        }
        flat.put("provenance.suite", suite);
        flat.put("provenance.suite_sha256", suiteSha256);
        flat.put("provenance.rules_sha256", rulesSha256());
        files.forEach((file, sha256) -> flat.put("provenance.sha256." + file, sha256));
        return flat;
    }

    public String toJsonString() {
        try {
            return CheckResultCodec.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the provenance", e);
        }
    }

    public static Provenance fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return CheckResultCodec.mapper().treeToValue(node, Provenance.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a pgwarden provenance: " + e.getOriginalMessage(), e);
        }
    }

    public static Provenance fromJsonString(String json) {
        try {
            return fromJson(CheckResultCodec.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a pgwarden provenance: " + e.getOriginalMessage(), e);
        }
    }
}
