package dev.pgwarden.results;

import java.util.List;
import java.util.Map;

/**
 * The shape in which a finding's evidence carries the pg_stat_statements entries behind it and their plans,
 * for the engine that writes it and the reports that show it.
 */
public final class QueryPlans {

    /** Evidence key: the entries, each a map with the keys below. */
    public static final String STATEMENTS = "statements";
    /** Evidence key: how the entries were chosen. */
    public static final String MATCHED_BY = "statements_matched_by";
    /** Evidence key: why no entries could be read (pg_stat_statements missing, say). */
    public static final String UNAVAILABLE = "statements_unavailable";
    /** Evidence key (and key of each entry): generic, analyze or none; a finding's lists its entries' kinds. */
    public static final String PLAN_KIND = "plan_kind";
    /** Key of an entry: what was done or refused, and why. */
    public static final String PLAN_NOTE = "plan_note";
    /** Key of an entry: EXPLAIN's FORMAT JSON output, or null. */
    public static final String PLAN = "plan";
    /** Key of an entry: its queryid. */
    public static final String QUERYID = "queryid";

    private QueryPlans() {
    }

    /** The entries a finding carries; empty when it carries none. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> statements(Finding finding) {
        Object statements = finding.evidence().get(STATEMENTS);
        return statements instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
