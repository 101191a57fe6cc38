package dev.pgwarden.engine;

import dev.pgwarden.results.Provenance;
import dev.pgwarden.rules.CheckDefinition;
import dev.pgwarden.rules.SelectedCheck;
import dev.pgwarden.rules.Suite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The part of a run's provenance known before it connects: the suite, the rule files and the parameters. */
final class RulesProvenance {

    private RulesProvenance() {
    }

    static Provenance of(Suite suite, List<SelectedCheck> checks) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (SelectedCheck check : checks) {
            CheckDefinition definition = check.check().definition();
            files.put(definition.drlSource(), definition.drlSha256());
            if (definition.metadataSha256() != null) {
                files.put(definition.metadataSource(), definition.metadataSha256());
            }
            check.parameterText().forEach((name, value) -> parameters.put(check.id() + "." + name, value));
        }
        return new Provenance(suite.source(), suite.sha256(), files, parameters, null);
    }
}
