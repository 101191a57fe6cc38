package dev.pgwarden.report;

import dev.pgwarden.results.Provenance;
import dev.pgwarden.results.RunSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code pgwarden_provenance_info}: which cluster each target is and which rules judged it, as labels of a sample of 1. */
final class ProvenanceMetric {

    private ProvenanceMetric() {
    }

    static void append(PrometheusText text, List<RunSummary> runs) {
        if (runs.stream().allMatch(run -> run.provenance() == null)) {
            return;
        }
        text.family("pgwarden_provenance_info", "gauge",
                "Always 1; the labels say which cluster the target is and the SHA-256 of the suite and of the rule files together.");
        for (RunSummary run : runs) {
            Provenance provenance = run.provenance();
            if (provenance != null) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("target", run.target());
                provenance.flat().forEach((key, value) -> {
                    String name = key.substring("provenance.".length());
                    if (!name.startsWith("sha256.") && !name.equals("server_clock")) {
                        labels.put(name, value);
                    }
                });
                text.sample("pgwarden_provenance_info", labels, 1);
            }
        }
    }
}
