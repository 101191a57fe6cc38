package dev.pgwarden.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pgwarden.facts.FactKind;
import dev.pgwarden.facts.FactReader;
import dev.pgwarden.facts.PlanExplainer;
import dev.pgwarden.facts.StatementEntry;
import dev.pgwarden.facts.StatementMatch;
import dev.pgwarden.facts.StatementPlan;
import dev.pgwarden.facts.StatementsBehind;
import dev.pgwarden.facts.StatementsExtension;
import dev.pgwarden.results.CheckResultCodec;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.QueryPlans;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Adds to a finding about statements ({@link StatementsBehind}) the pg_stat_statements entries behind it, each
 * with its plan, or says why there are none. Read after the rules judged, for the findings only.
 */
final class StatementEvidence {

    private static final String QUERY = "statements_behind";
    private final FactReader reader;
    private final FactCache facts;
    private final PlanExplainer explainer;

    StatementEvidence(FactReader reader, FactCache facts, PlanExplainer explainer) {
        this.reader = reader;
        this.facts = facts;
        this.explainer = explainer;
    }

    /** The finding with the statements behind its subject added to its evidence; as it was when there are none. */
    Finding addTo(Finding finding, Object subject) {
        Optional<StatementMatch> match = subject instanceof StatementsBehind behind ? behind.statementsBehind() : Optional.empty();
        if (match.isEmpty()) {
            return finding;
        }
        Map<String, Object> evidence = new LinkedHashMap<>(finding.evidence());
        evidence.putAll(evidenceOf(match.get()));
        return new Finding(finding.object(), finding.message(), finding.severity(), finding.remediation(), finding.rollback(), evidence);
    }

    private Map<String, Object> evidenceOf(StatementMatch match) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        Optional<String> unavailable = unavailable();
        List<StatementEntry> entries = List.of();
        if (unavailable.isEmpty()) {
            try {
                entries = reader.read(QUERY, StatementEntry.class, match.bindings());
            } catch (SQLException e) {
                unavailable = Optional.of("pg_stat_statements could not be read: " + SqlFailures.firstLine(String.valueOf(e.getMessage())));
            }
        }
        if (unavailable.isPresent()) {
            evidence.put(QueryPlans.UNAVAILABLE, unavailable.get() + "; so no statements and no plan");
            evidence.put(QueryPlans.PLAN_KIND, "none");
            return evidence;
        }
        List<Map<String, Object>> statements = entries.stream().map(this::entry).toList();
        evidence.put(QueryPlans.MATCHED_BY, match.describe() + (entries.isEmpty() ? "; none matched" : ""));
        evidence.put(QueryPlans.STATEMENTS, statements);
        evidence.put(QueryPlans.PLAN_KIND, statements.isEmpty() ? "none"
                : statements.stream().map(s -> String.valueOf(s.get(QueryPlans.PLAN_KIND))).distinct().collect(Collectors.joining(", ")));
        return evidence;
    }

    private Optional<String> unavailable() {
        try {
            return facts.get(FactKind.named("pg_stat_statements_status").orElseThrow()).stream()
                    .map(status -> ((StatementsExtension) status).unavailableReason()).filter(java.util.Objects::nonNull).findFirst();
        } catch (SQLException e) {
            return Optional.of("whether pg_stat_statements is installed could not be read: "
                    + SqlFailures.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> entry(StatementEntry entry) {
        StatementPlan plan = explainer.plan(entry);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(QueryPlans.QUERYID, entry.queryid());
        values.put("user_name", entry.userName());
        values.put("calls", entry.calls());
        values.put("mean_ms", entry.meanMs());
        values.put("total_ms", entry.totalMs());
        values.put("rows", entry.rows());
        values.put("shared_blks_read", entry.sharedBlksRead());
        values.put("query_start", entry.queryStart());
        values.put(QueryPlans.PLAN_KIND, plan.kind().label());
        values.put(QueryPlans.PLAN_NOTE, plan.note());
        values.put(QueryPlans.PLAN, plan.json() == null ? null : parsed(plan.json()));
        return values;
    }

    private static Object parsed(String json) {
        try {
            return CheckResultCodec.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN returned JSON that cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
