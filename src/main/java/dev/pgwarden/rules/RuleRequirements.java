package dev.pgwarden.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * What each rule of a check needs among the facts before it can fire: the types of its top-level patterns that
 * match facts the run inserts (not those under {@code not} or {@code or}, nor those read {@code from} an
 * expression, a collect or an accumulate). A check none of whose rules has all it needs can report nothing, so a
 * run passes it without starting a rule session, or waiting for its rules to load. Worked out from the DRL when
 * the jar is built; a user's rules have none and always run.
 */
final class RuleRequirements {

    private static final String PARAMETERS = Parameters.class.getName();
    private final List<Set<String>> perRule;

    private RuleRequirements(List<Set<String>> perRule) {
        this.perRule = List.copyOf(perRule);
    }

    /**
     * The rules' needs, or empty when they cannot be told (a rule that inserts facts, a declared type, a DRL that
     * does not parse): such a check always runs.
     */
    static Optional<RuleRequirements> of(String drl) {
        PackageDescr parsed;
        try {
            DrlParser parser = new DrlParser();
            parsed = parser.parse(false, drl);
            if (parser.hasErrors() || parsed == null) {
                return Optional.empty();
            }
        } catch (DroolsParserException e) {
            return Optional.empty();
        }
        if (!parsed.getTypeDeclarations().isEmpty() || !parsed.getEnumDeclarations().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> imports = new java.util.HashMap<>();
        for (ImportDescr imported : parsed.getImports()) {
            String target = imported.getTarget();
            imports.put(target.substring(target.lastIndexOf('.') + 1), target);
        }
        List<Set<String>> perRule = new ArrayList<>();
        for (RuleDescr rule : parsed.getRules()) {
            if (rule instanceof QueryDescr) {
                continue;
            }
            if (String.valueOf(rule.getConsequence()).contains("insert")) {
                return Optional.empty();
            }
            Set<String> needs = new LinkedHashSet<>();
            for (BaseDescr element : rule.getLhs().getDescrs()) {
                if (element instanceof PatternDescr pattern) {
                    need(pattern, parsed.getNamespace(), imports, needs);
                } else if (element instanceof ExistsDescr exists && exists.getDescrs().size() == 1
                        && exists.getDescrs().get(0) instanceof PatternDescr pattern) {
                    need(pattern, parsed.getNamespace(), imports, needs);
                }
            }
            perRule.add(needs);
        }
        return Optional.of(new RuleRequirements(perRule));
    }

    private static void need(PatternDescr pattern, String namespace, Map<String, String> imports, Set<String> needs) {
        if (pattern.getSource() != null) {
            return; // from an expression, a collect or an accumulate: not a fact the run inserts
        }
        String type = pattern.getObjectType();
        if (type.contains(".")) {
            needs.add(type);
        } else if (imports.containsKey(type)) {
            needs.add(imports.get(type));
        } else if (type.equals("Parameters")) {
            needs.add(namespace + ".Parameters");
        }
        // any other name (a wildcard import's): not counted, so the rule is taken as able to fire
    }

    /** One line per rule: the fully qualified types it needs, separated by commas. */
    String text() {
        return perRule.stream().map(needs -> String.join(",", needs)).collect(Collectors.joining("\n", "", "\n"));
    }

    static RuleRequirements parse(String text) {
        List<Set<String>> perRule = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) { // the last is what follows the final newline
            perRule.add(lines[i].isEmpty() ? Set.of() : Set.of(lines[i].split(",")));
        }
        return new RuleRequirements(perRule);
    }

    /** Whether some rule finds a fact of every type it needs among these (the run's Parameters fact always is). */
    boolean canFire(Collection<?> facts) {
        Set<String> present = new HashSet<>();
        present.add(PARAMETERS);
        for (Object fact : facts) {
            for (Class<?> type = fact.getClass(); type != null; type = type.getSuperclass()) {
                if (!present.add(type.getName())) {
                    break;
                }
                for (Class<?> implemented : type.getInterfaces()) {
                    present.add(implemented.getName());
                }
            }
        }
        return perRule.stream().anyMatch(present::containsAll);
    }

    List<Set<String>> perRule() {
        return perRule;
    }
}
