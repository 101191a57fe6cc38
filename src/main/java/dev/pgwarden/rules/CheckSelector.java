package dev.pgwarden.rules;

import dev.pgwarden.results.ObjectPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which checks run with which parameter values. Precedence: {@code --set} over an object
 * override over the suite over the check's default. Every unknown check or knob and every bad value is an
 * error naming where it was written.
 */
public final class CheckSelector {

    private final RuleCatalog catalog;
    private final RuleCompiler compiler;

    public CheckSelector(RuleCatalog catalog, RuleCompiler compiler) {
        this.catalog = catalog;
        this.compiler = compiler;
    }

    /**
     * @param only      check ids given with {@code --check}; empty means the suite's checks
     * @param overrides {@code check.param} → value, from {@code --set}
     */
    public List<SelectedCheck> select(Suite suite, List<String> only, Map<String, String> overrides) throws RuleLoadException {
        for (String id : suite.checks().keySet()) {
            requireKnown(id, suite.locate("checks." + id));
        }
        for (int i = 0; i < suite.waivers().size(); i++) {
            requireKnown(suite.waivers().get(i).check(), suite.locate("waivers[" + i + "].check"));
        }
        Set<String> ids = new LinkedHashSet<>(only.isEmpty() ? suite.checks().keySet() : only);
        for (String id : only) {
            requireKnown(id, "--check " + id);
        }
        Map<String, Map<String, String>> setByCheck = splitOverrides(overrides);
        List<SelectedCheck> selected = new ArrayList<>();
        for (String id : ids) {
            selected.add(select(catalog.find(id).orElseThrow(), suite.check(id), setByCheck.getOrDefault(id, Map.of()),
                    key -> suite.locate("checks." + id + "." + key)));
        }
        return selected;
    }

    private SelectedCheck select(CheckDefinition definition, SuiteCheck inSuite, Map<String, String> set,
            Function<String, String> where) throws RuleLoadException {
        Map<String, String> text = new LinkedHashMap<>();
        definition.metadata().parameters().forEach((name, spec) -> text.put(name, spec.defaultValue()));
        putAll(text, definition, inSuite.parameters(), name -> where.apply("parameters." + name));
        Map<String, String> base = new LinkedHashMap<>(text);
        putAll(text, definition, set, name -> "--set " + definition.id() + "." + name);
        List<ObjectParameters> objects = new ArrayList<>();
        for (int i = 0; i < inSuite.objects().size(); i++) {
            ObjectOverride override = inSuite.objects().get(i);
            Map<String, String> forObject = new LinkedHashMap<>(base);
            int index = i;
            putAll(forObject, definition, override.parameters(), name -> where.apply("objects[" + index + "].parameters." + name));
            putAll(forObject, definition, set, name -> "--set " + definition.id() + "." + name);
            objects.add(new ObjectParameters(new ObjectPattern(override.match()), toParameters(definition, forObject)));
        }
        return new SelectedCheck(compiler.compile(definition), text, toParameters(definition, text), objects, inSuite.severity());
    }

    private void requireKnown(String id, String where) throws RuleLoadException {
        if (catalog.find(id).isEmpty()) {
            throw new RuleLoadException(where + ": unknown check '" + id + "' (known: " + String.join(", ", catalog.ids()) + ")");
        }
    }

    private Map<String, Map<String, String>> splitOverrides(Map<String, String> overrides) throws RuleLoadException {
        Map<String, Map<String, String>> byCheck = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            String key = entry.getKey();
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new RuleLoadException("--set " + key + ": expected CHECK.PARAM=VALUE, e.g. xid-age.max_age=1500000000");
            }
            String check = key.substring(0, dot);
            requireKnown(check, "--set " + key);
            byCheck.computeIfAbsent(check, c -> new LinkedHashMap<>()).put(key.substring(dot + 1), entry.getValue());
        }
        return byCheck;
    }

    /** @param where says where a parameter was written, for error messages */
    private static void putAll(Map<String, String> text, CheckDefinition definition, Map<String, String> values,
            Function<String, String> where) throws RuleLoadException {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            ParameterSpec spec = definition.metadata().parameters().get(entry.getKey());
            String location = where.apply(entry.getKey());
            if (spec == null) {
                throw new RuleLoadException(location + ": check " + definition.id() + " has no parameter '" + entry.getKey()
                        + "' (known: " + String.join(", ", definition.metadata().parameters().keySet()) + ")");
            }
            try {
                spec.type().convert(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new RuleLoadException(location + ": " + e.getMessage());
            }
            text.put(entry.getKey(), entry.getValue().trim());
        }
    }

    private static Parameters toParameters(CheckDefinition definition, Map<String, String> text) {
        Map<String, Number> values = new LinkedHashMap<>();
        text.forEach((name, value) -> values.put(name, definition.metadata().parameters().get(name).type().convert(value)));
        return new Parameters(definition.id(), values);
    }
}
