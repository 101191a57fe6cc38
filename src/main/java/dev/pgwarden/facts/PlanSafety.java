package dev.pgwarden.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second half of the rule for executing a statement, judged on its {@code EXPLAIN (VERBOSE)} plan, which
 * executes nothing and shows what views expand to: every node must only read (scans, joins, sorts, aggregates;
 * no ModifyTable, LockRows, Foreign or Custom Scan), and every function called anywhere in it must be one of
 * {@link #SAFE_FUNCTIONS}, built-ins PostgreSQL marks immutable or stable that read nothing but their
 * arguments, the clock or the query's own rows, with no function of that name outside pg_catalog (a
 * look-alike in another schema could be chosen for its argument types). Operators are not judged: those of
 * built-in types call built-in functions, a user-defined type's may not.
 */
final class PlanSafety {

    static final Set<String> SAFE_FUNCTIONS = Set.of("count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every",
            "string_agg", "array_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
            "percentile_cont", "percentile_disc", "mode", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
            "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "lower", "upper", "length", "char_length",
            "octet_length", "abs", "round", "trunc", "floor", "ceil", "ceiling", "mod", "date_trunc", "date_part",
            "extract", "now", "substring", "substr", "strpos", "left", "right", "btrim", "ltrim", "rtrim", "concat",
            "replace", "split_part", "to_char", "array_length", "cardinality", "generate_series", "unnest", "int4",
            "int8", "float8", "numeric", "text");
    /** Keywords and type names that stand before a parenthesis in a deparsed expression without calling a function. */
    private static final Set<String> NOT_FUNCTIONS = Set.of("any", "all", "some", "array", "row", "exists", "in",
            "coalesce", "nullif", "greatest", "least", "case", "when", "then", "else", "and", "or", "not", "is", "filter",
            "over", "group", "order", "partition", "by", "where", "varying", "character", "char", "varchar", "bit",
            "timestamp", "time", "interval", "decimal", "float", "zone", "from", "as");
    private static final Set<String> READING_NODES = Set.of("Result", "Seq Scan", "Sample Scan", "Index Scan",
            "Index Only Scan", "Bitmap Heap Scan", "Bitmap Index Scan", "BitmapAnd", "BitmapOr", "Tid Scan",
            "Tid Range Scan", "Subquery Scan", "Function Scan", "Values Scan", "CTE Scan", "WorkTable Scan",
            "Nested Loop", "Merge Join", "Hash Join", "Hash", "Materialize", "Memoize", "Sort", "Incremental Sort",
            "Group", "Aggregate", "WindowAgg", "Unique", "SetOp", "Append", "Merge Append", "Recursive Union",
            "Gather", "Gather Merge", "Limit", "ProjectSet");
    /** Plan keys holding names, not expressions. */
    private static final Set<String> NAME_KEYS = Set.of("Node Type", "Relation Name", "Schema", "Alias", "Index Name",
            "CTE Name", "Subplan Name", "Parent Relationship", "Strategy", "Partial Mode", "Join Type",
            "Scan Direction", "Command", "Function Name");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*|\"(?:[^\"]|\"\")+\")\\s*\\(");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanSafety() {
    }

    /**
     * @param verbosePlan {@code EXPLAIN (VERBOSE, FORMAT JSON)} output
     * @param shadowed    names of {@link #SAFE_FUNCTIONS} that also exist outside pg_catalog
     * @return why the statement may not be executed, or empty when it may
     */
    static Optional<String> refusal(String verbosePlan, Set<String> shadowed) {
        try {
            return refusal(JSON.readTree(verbosePlan), shadowed);
        } catch (JsonProcessingException e) {
            return Optional.of("its plan could not be read: " + e.getOriginalMessage());
        }
    }

    private static Optional<String> refusal(JsonNode node, Set<String> shadowed) {
        if (node.isTextual()) {
            return calls(node.asText(), shadowed);
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> refused = refusal(element, shadowed);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        JsonNode type = node.get("Node Type");
        if (type != null && !READING_NODES.contains(type.asText())) {
            return Optional.of("its plan has a " + type.asText() + " node, which may do more than read");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<String> refused = NAME_KEYS.contains(field.getKey()) ? Optional.empty() : refusal(field.getValue(), shadowed);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> calls(String expression, Set<String> shadowed) {
        Matcher call = CALL.matcher(expression);
        while (call.find()) {
            String name = call.group(1).toLowerCase(Locale.ROOT);
            if (NOT_FUNCTIONS.contains(name)) {
                continue;
            }
            if (!SAFE_FUNCTIONS.contains(name) || shadowed.contains(name)) {
                return Optional.of("it calls " + call.group(1) + "(), not among the built-in functions known to have no side effects");
            }
        }
        return Optional.empty();
    }
}
