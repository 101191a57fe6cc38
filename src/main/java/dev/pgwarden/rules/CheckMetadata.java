package dev.pgwarden.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pgwarden.facts.CustomFact;
import dev.pgwarden.results.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code rules/<id>.yaml} says about a check: everything but the judgement, which is in the DRL.
 *
 * @param facts    the fact kinds the rule reads; only these are gathered
 * @param findings rendering per kind of finding the rule reports
 * @param measures values read from the facts for dashboards, by metric name; may be empty
 * @param customFacts facts the check brings with its own SQL, by name; may be empty
 * @param factsFrom   a postgres_exporter queries file whose queries become further custom facts; may be null
 * @param factsOnDemand kinds of {@code facts} gathered only when a rule reads them ({@link FactsOnDemand}); may be empty
 * @param cis      the CIS PostgreSQL Benchmark controls the check evaluates, each with its level; may be empty
 */
public record CheckMetadata(
        String id,
        String title,
        String category,
        Severity severity,
        String description,
        List<String> facts,
        Map<String, ParameterSpec> parameters,
        Map<String, FindingTemplate> findings,
        List<String> references,
        Map<String, MeasureSpec> measures,
        @JsonProperty("custom_facts") Map<String, CustomFact> customFacts,
        @JsonProperty("facts_from") ExporterFacts factsFrom,
        @JsonProperty("facts_on_demand") List<String> factsOnDemand,
        List<CisControl> cis) {

    public CheckMetadata {
        requireText(id, "id");
        requireText(title, "title");
        requireText(category, "category");
        Objects.requireNonNull(severity, "'severity' must be warning or critical");
        requireText(description, "description");
        facts = facts == null ? List.of() : List.copyOf(facts);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        findings = findings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("'findings' must name at least one kind of finding with its remediation");
        }
        references = references == null ? List.of() : List.copyOf(references);
        measures = measures == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measures));
        measures.keySet().stream().filter(name -> !name.matches("[a-z][a-z0-9_]*")).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'measures' key '" + name + "' must be snake_case, like xid_age_max");
        });
        requireKnownThresholdParameters(measures, parameters);
        factsOnDemand = factsOnDemand == null ? List.of() : List.copyOf(factsOnDemand);
        List<String> gathered = facts;
        factsOnDemand.stream().filter(kind -> !gathered.contains(kind)).findFirst().ifPresent(kind -> {
            throw new IllegalArgumentException("'facts_on_demand' names '" + kind + "', which 'facts' does not list");
        });
        customFacts = customFacts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customFacts));
        customFacts.keySet().stream().filter(name -> !name.matches("[a-z][a-z0-9_]*")).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'custom_facts' key '" + name + "' must be snake_case, like stuck_orders");
        });
        cis = cis == null ? List.of() : List.copyOf(cis);
        java.util.Set<String> controls = new java.util.HashSet<>();
        cis.stream().filter(c -> c.setting() == null && !controls.add(c.control())).findFirst().ifPresent(c -> {
            throw new IllegalArgumentException("'cis' lists control " + c.control() + " twice");
        });
    }

    /** Metadata with every key a check may have but {@code cis}. */
    public CheckMetadata(String id, String title, String category, Severity severity, String description, List<String> facts,
            Map<String, ParameterSpec> parameters, Map<String, FindingTemplate> findings, List<String> references,
            Map<String, MeasureSpec> measures, Map<String, CustomFact> customFacts, ExporterFacts factsFrom,
            List<String> factsOnDemand) {
        this(id, title, category, severity, description, facts, parameters, findings, references, measures, customFacts,
                factsFrom, factsOnDemand, null);
    }

    /** The controls as reports name them, each once, in the order the YAML lists them. */
    public List<dev.pgwarden.results.ComplianceControl> complianceControls() {
        Map<String, dev.pgwarden.results.ComplianceControl> once = new LinkedHashMap<>();
        cis.forEach(c -> once.putIfAbsent(c.control(), c.toReported()));
        return List.copyOf(once.values());
    }

    /** Metadata of a check that reads only built-in facts. */
    public CheckMetadata(String id, String title, String category, Severity severity, String description, List<String> facts,
            Map<String, ParameterSpec> parameters, Map<String, FindingTemplate> findings, List<String> references,
            Map<String, MeasureSpec> measures) {
        this(id, title, category, severity, description, facts, parameters, findings, references, measures, null, null, null);
    }

    /** The same metadata with these custom facts (its own and those {@code facts_from} brings, each knowing its origin). */
    CheckMetadata withCustomFacts(Map<String, CustomFact> resolved) {
        return new CheckMetadata(id, title, category, severity, description, facts, parameters, findings, references, measures,
                resolved, factsFrom, factsOnDemand, cis);
    }

    /** Every kind of finding's remediation and rollback templates, as plain text. */
    public String help() {
        StringBuilder text = new StringBuilder();
        findings.forEach((kind, t) -> text.append(kind).append(":\n").append(t.remediation())
                .append("\nRollback: ").append(t.rollback()).append("\n\n"));
        return text.toString().strip();
    }

    private static void requireKnownThresholdParameters(Map<String, MeasureSpec> measures, Map<String, ParameterSpec> parameters) {
        measures.forEach((name, measure) -> measure.thresholds().stream()
                .filter(t -> !parameters.containsKey(t.parameter())).findFirst().ifPresent(t -> {
                    throw new IllegalArgumentException("'measures." + name + ".thresholds' names parameter '" + t.parameter()
                            + "', which the check does not have (known: " + String.join(", ", parameters.keySet()) + ")");
                }));
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must not be blank");
        }
    }
}
