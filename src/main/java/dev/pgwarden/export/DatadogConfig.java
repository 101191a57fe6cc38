package dev.pgwarden.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pgwarden.rules.SelectedCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code postgres.d/conf.yaml} for the Datadog Agent's postgres integration: one instance, its per-table
 * metrics for every table, and one custom query per SQL-read measure of the checks. The Agent names a custom
 * metric {@code <metric_prefix>.<column name>}; the column is the measure with its last {@code _} made a
 * {@code .}, so {@code pgwarden.xid_age.max} is pgwarden's Prometheus {@code pgwarden_xid_age_max} with dots for
 * underscores, split where postgres-exporter-queries splits namespace from column.
 */
public final class DatadogConfig {

    /** The Agent reports every custom metric under this prefix. */
    public static final String METRIC_PREFIX = "pgwarden";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    /**
     * Where the Agent connects. The password is never a value, only the name of a secret the Agent resolves
     * through its secrets management ({@code ENC[name]}).
     */
    public record Instance(String host, int port, String dbname, String username, String passwordSecret) {

        public Instance {
            Objects.requireNonNull(host, "host must not be null");
            Objects.requireNonNull(dbname, "dbname must not be null");
            Objects.requireNonNull(username, "username must not be null");
            if (passwordSecret == null || passwordSecret.isBlank() || passwordSecret.contains("]")) {
                throw new IllegalArgumentException("the password secret must be a name, without ']': '" + passwordSecret + "'");
            }
        }
    }

    /** The file, and the measures left out because no SQL reads them (a host probe's). */
    public record Export(String yaml, List<String> leftOut) {
    }

    public Export render(List<SelectedCheck> checks, int serverMajor, Instance instance) {
        List<MeasureQuery> queries = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (SelectedCheck check : checks) {
            for (String measure : check.metadata().measures().keySet()) {
                Optional<MeasureQuery> query = MeasureQuery.of(check, measure, serverMajor);
                query.ifPresentOrElse(queries::add, () -> leftOut.add(measure + " (" + check.id() + ")"));
            }
        }
        ObjectNode root = YAML.createObjectNode();
        root.putObject("init_config");
        ObjectNode node = root.putArray("instances").addObject();
        node.put("host", instance.host());
        node.put("port", instance.port());
        node.put("dbname", instance.dbname());
        node.put("username", instance.username());
        node.put("password", "ENC[" + instance.passwordSecret() + "]");
        // pgwarden's checks watch every user table of the database, not a list of them: a pattern matching all.
        node.putArray("relations").addObject().put("relation_regex", ".*");
        node.put("collect_database_size_metrics", true);
        ArrayNode custom = node.putArray("custom_queries");
        queries.forEach(q -> customQuery(custom.addObject(), q));
        try {
            return new Export(YAML.writeValueAsString(root), leftOut);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Datadog configuration as YAML", e);
        }
    }

    /** The metric's name after {@link #METRIC_PREFIX}: {@code xid_age_max} becomes {@code xid_age.max}. */
    public static String metricSuffix(String measure) {
        int last = measure.lastIndexOf('_');
        return last < 0 ? measure : measure.substring(0, last) + "." + measure.substring(last + 1);
    }

    private static void customQuery(ObjectNode node, MeasureQuery q) {
        node.put("metric_prefix", METRIC_PREFIX);
        // The Agent reads columns by position: the measure, then the check as a tag.
        node.put("query", "SELECT (" + q.sql().replace("\n", "\n        ") + "),\n       '" + q.check().id() + "'::text");
        ArrayNode columns = node.putArray("columns");
        columns.addObject().put("name", metricSuffix(q.measure())).put("type", "gauge");
        columns.addObject().put("name", "check").put("type", "tag");
        node.putArray("tags").add("check:" + q.check().id());
    }
}
