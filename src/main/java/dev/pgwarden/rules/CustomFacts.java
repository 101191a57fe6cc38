package dev.pgwarden.rules;

import dev.pgwarden.facts.CustomFact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the custom facts of one check: those its YAML declares under {@code custom_facts} and those
 * {@code facts_from} takes from a postgres_exporter queries file beside it, each knowing where it was declared.
 */
final class CustomFacts {

    /** One file of the rules directory, by its path there. */
    @FunctionalInterface
    interface Files {

        String text(String name) throws RuleLoadException;
    }

    private final ExporterQueriesFile exporterQueries = new ExporterQueriesFile();

    /**
     * @param yamlSource the check's metadata file as errors name it
     * @param prefix     the rules directory as errors name it
     */
    Map<String, CustomFact> resolve(CheckMetadata metadata, String yamlSource, String prefix, Files files) throws RuleLoadException {
        Map<String, CustomFact> resolved = new LinkedHashMap<>();
        metadata.customFacts().forEach((name, fact) -> resolved.put(name,
                fact.at(new CustomFact.Origin(yamlSource, "custom_facts." + name, "custom_facts." + name + ".columns"))));
        ExporterFacts from = metadata.factsFrom();
        if (from == null) {
            return resolved;
        }
        String file = prefix + "/" + from.file();
        Map<String, CustomFact> exported = exporterQueries.read(files.text(from.file()), file);
        List<String> wanted = from.queries().isEmpty() ? List.copyOf(exported.keySet()) : from.queries();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i);
            if (!exported.containsKey(name)) {
                throw new RuleLoadException(yamlSource + ": key 'facts_from.queries[" + i + "]': " + file + " has no query '" + name
                        + "' (it has: " + String.join(", ", exported.keySet()) + ")");
            }
            if (resolved.containsKey(name)) {
                throw new RuleLoadException(yamlSource + ": key 'custom_facts." + name + "': " + file + " also has a query '" + name
                        + "'; rename one of them");
            }
            resolved.put(name, exported.get(name));
        }
        return resolved;
    }
}
