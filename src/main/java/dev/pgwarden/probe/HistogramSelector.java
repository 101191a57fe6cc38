package dev.pgwarden.probe;

import java.util.List;
import java.util.Optional;

/**
 * Picks the histogram a check judges when an input holds several.
 *
 * <p>With a name ({@code --probe-map}): the map of that name, with or without {@code @}, or
 * whose name is that name plus {@code _us} (so {@code reads} finds bpftrace's {@code @reads_us}).
 * Without: the only histogram; else {@code reads} (the envelope's all-reads histogram, or
 * {@code @reads_us} of the shipped script); else {@code us} (the customary {@code @us}).
 */
final class HistogramSelector {

    static final String DEFAULT_NAME = "reads";
    static final String CUSTOMARY_NAME = "us";

    private final String source;

    HistogramSelector(String source) {
        this.source = source;
    }

    String select(List<String> histograms, String mapName) {
        if (mapName != null && !mapName.isBlank()) {
            String wanted = BpftraceJsonParser.mapName(mapName.strip());
            return find(histograms, wanted).orElseThrow(() -> new ProbeFormatException(source,
                    "no histogram named '" + wanted + "'; found " + names(histograms)));
        }
        if (histograms.size() == 1) {
            return histograms.get(0);
        }
        return find(histograms, DEFAULT_NAME)
                .or(() -> find(histograms, CUSTOMARY_NAME))
                .orElseThrow(() -> new ProbeFormatException(source, "several histograms (" + names(histograms)
                        + ") and none is called reads or us; choose one with --probe-map"));
    }

    private static Optional<String> find(List<String> histograms, String name) {
        return histograms.stream().filter(name::equals).findFirst()
                .or(() -> histograms.stream().filter((name + "_us")::equals).findFirst());
    }

    private static String names(List<String> histograms) {
        return String.join(", ", histograms);
    }
}
