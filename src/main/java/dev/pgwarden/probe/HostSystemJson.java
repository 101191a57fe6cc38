package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code host_facts.access.system} object, written and read in one place (see docs/probe.md). */
final class HostSystemJson {

    static final String SYSTEM = "system";
    private static final String SERVICE_UNIT = "service_unit";
    private static final String SERVICE_STATE = "service_state";
    private static final String LOGIN = "login";
    private static final String PACKAGES = "packages";
    private static final String NAME = "name";
    private static final String VERSION = "version";
    private static final String CANDIDATE = "candidate";
    private static final String ORIGINS = "origins";
    private static final String BINARY = "binary";
    private static final String SECRETS = "secrets";
    private static final String CONTROL = "control";
    private static final String PLACE = "place";
    private static final String DETAIL = "detail";
    private static final String PGBACKREST = "pgbackrest";
    private static final String BACKUP_STANZAS = "backup_stanzas";
    private static final String STATUS = "status";
    private static final String BACKUPS = "backups";

    private HostSystemJson() {
    }

    static void write(ObjectNode node, HostSystem system) {
        node.put(SERVICE_UNIT, system.serviceUnit()).put(SERVICE_STATE, system.serviceState()).put(LOGIN, system.login());
        ArrayNode packages = node.putArray(PACKAGES);
        for (HostPackage p : system.packages()) {
            ObjectNode n = packages.addObject().put(NAME, p.name()).put(VERSION, p.version()).put(CANDIDATE, p.candidate());
            p.origins().forEach(n.putArray(ORIGINS)::add);
            n.put(BINARY, p.binary());
        }
        ArrayNode secrets = node.putArray(SECRETS);
        system.secrets().forEach(s -> secrets.addObject().put(CONTROL, s.control()).put(PLACE, s.place()).put(DETAIL, s.detail()));
        node.put(PGBACKREST, system.pgbackrest());
        ArrayNode stanzas = node.putArray(BACKUP_STANZAS);
        system.backupStanzas().forEach(s -> stanzas.addObject().put(NAME, s.name()).put(STATUS, s.status()).put(BACKUPS, s.backups()));
    }

    /** The optional system object; envelopes written before pgwarden collected it have none. */
    static HostSystem read(JsonNode node, String source, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            List<HostPackage> packages = new ArrayList<>();
            for (JsonNode p : node.path(PACKAGES)) {
                List<String> origins = new ArrayList<>();
                p.path(ORIGINS).forEach(o -> origins.add(o.asText()));
                packages.add(new HostPackage(JsonValues.requiredText(p, NAME, source, where + "." + PACKAGES), p.path(VERSION).asText(""),
                        p.path(CANDIDATE).asText(""), origins, p.path(BINARY).asText("")));
            }
            List<HostSecret> secrets = new ArrayList<>();
            for (JsonNode s : node.path(SECRETS)) {
                secrets.add(new HostSecret(JsonValues.requiredText(s, CONTROL, source, where + "." + SECRETS),
                        JsonValues.requiredText(s, PLACE, source, where + "." + SECRETS), s.path(DETAIL).asText("")));
            }
            List<HostSystem.BackupStanza> stanzas = new ArrayList<>();
            node.path(BACKUP_STANZAS).forEach(s -> stanzas.add(new HostSystem.BackupStanza(s.path(NAME).asText(""),
                    s.path(STATUS).asText(""), s.path(BACKUPS).asInt(0))));
            return new HostSystem(node.path(SERVICE_UNIT).asText(""), node.path(SERVICE_STATE).asText(""),
                    node.path(LOGIN).asText("unknown"), packages, secrets, stanzas, node.path(PGBACKREST).asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new ProbeFormatException(source, where + ": " + e.getMessage());
        }
    }
}
