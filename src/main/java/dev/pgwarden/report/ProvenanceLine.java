package dev.pgwarden.report;

import dev.pgwarden.results.Provenance;
import dev.pgwarden.results.ServerIdentity;

/** A run's provenance in one line of text, for the console and Nagios' long output. */
final class ProvenanceLine {

    private ProvenanceLine() {
    }

    /** Empty when the run has no provenance (it was never planned). */
    static String of(Provenance provenance) {
        if (provenance == null) {
            return "";
        }
        ServerIdentity server = provenance.server();
        String cluster = server == null ? "" : "cluster " + server.describeSystemIdentifier() + ", PostgreSQL " + server.serverVersion()
                + ", database " + server.database() + " (oid " + server.databaseOid() + "), server clock " + server.serverClock() + "; ";
        return cluster + "suite " + provenance.suite() + " sha256 " + provenance.suiteSha256() + ", " + provenance.files().size()
                + " rule files sha256 " + provenance.rulesSha256();
    }
}
