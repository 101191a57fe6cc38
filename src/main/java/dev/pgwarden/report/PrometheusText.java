package dev.pgwarden.report;

import dev.pgwarden.results.Measurement;
import java.util.Map;
import java.util.stream.Collectors;

/** The Prometheus text exposition format: families with HELP and TYPE, then their samples. */
final class PrometheusText {

    private final StringBuilder text = new StringBuilder();

    void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, Map<String, String> labels, double value) {
        text.append(name);
        if (!labels.isEmpty()) {
            text.append(labels.entrySet().stream().map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                    .collect(Collectors.joining(",", "{", "}")));
        }
        text.append(' ').append(number(value)).append('\n');
    }

    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Measurement.text(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
