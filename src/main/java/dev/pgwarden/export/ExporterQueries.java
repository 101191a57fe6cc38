package dev.pgwarden.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pgwarden.rules.SelectedCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@code queries.yaml} for postgres_exporter's {@code --extend.query-path} with every SQL-read measure of
 * the checks, under the names pgwarden's own Prometheus file gives them. The exporter names a metric
 * {@code <namespace>_<column>}, so {@code pgwarden_xid_age_max} is column {@code max} of namespace
 * {@code pgwarden_xid_age}; the column {@code check} becomes the label pgwarden's series carry.
 */
public final class ExporterQueries {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    /** The file, and the measures left out because no SQL reads them (a host probe's). */
    public record Export(String yaml, List<String> leftOut) {
    }

    public Export render(List<SelectedCheck> checks, int serverMajor) {
        Map<String, List<MeasureQuery>> byNamespace = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        for (SelectedCheck check : checks) {
            for (String measure : check.metadata().measures().keySet()) {
                Optional<MeasureQuery> query = MeasureQuery.of(check, measure, serverMajor);
                query.ifPresentOrElse(q -> byNamespace.computeIfAbsent(namespace(measure), n -> new ArrayList<>()).add(q),
                        () -> leftOut.add(measure + " (" + check.id() + ")"));
            }
        }
        ObjectNode root = YAML.createObjectNode();
        byNamespace.forEach((namespace, queries) -> namespace(root.putObject(namespace), namespace, queries));
        try {
            return new Export(YAML.writeValueAsString(root), leftOut);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the queries as YAML", e);
        }
    }

    private static void namespace(ObjectNode node, String namespace, List<MeasureQuery> queries) {
        String check = queries.get(0).check().id();
        queries.stream().filter(q -> !q.check().id().equals(check)).findFirst().ifPresent(q -> {
            throw new IllegalArgumentException("measures " + queries.get(0).measure() + " (" + check + ") and " + q.measure()
                    + " (" + q.check().id() + ") would share the exporter namespace " + namespace + "; rename one of them");
        });
        node.put("query", "SELECT '" + check + "'::text AS \"check\",\n" + queries.stream()
                .map(q -> "       (" + q.sql().replace("\n", "\n        ") + ") AS \"" + column(q.measure()) + "\"")
                .collect(Collectors.joining(",\n")));
        ArrayNode metrics = node.putArray("metrics");
        metrics.addObject().putObject("check").put("usage", "LABEL").put("description", "the pgwarden check that measures the value");
        queries.forEach(q -> metrics.addObject().putObject(column(q.measure()))
                .put("usage", "GAUGE").put("description", q.spec().help()));
    }

    static String namespace(String measure) {
        int last = measure.lastIndexOf('_');
        return last < 0 ? "pgwarden" : "pgwarden_" + measure.substring(0, last);
    }

    private static String column(String measure) {
        return measure.substring(measure.lastIndexOf('_') + 1);
    }
}
