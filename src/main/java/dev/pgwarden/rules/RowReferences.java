package dev.pgwarden.rules;

import dev.pgwarden.facts.ColumnType;
import dev.pgwarden.facts.CustomFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Checks, before compiling, that a rule's {@code Row} patterns name a custom fact the check declares and
 * read only its declared columns with the accessor of their type, so a typo in a fact or column name is an
 * error with file and line rather than a rule that silently never matches. Calls on a bound row
 * ({@code $o.text("state")}) are checked too, in constraints and consequence alike.
 */
final class RowReferences {

    private static final Pattern FACT = Pattern.compile("^\\s*fact\\s*==\\s*\"([^\"]*)\"\\s*$");
    private static final String ACCESSORS = "(text|longValue|doubleValue|booleanValue|instant|isNull)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)";
    private static final Pattern UNBOUND_CALL = Pattern.compile("(?<![\\w.$])" + ACCESSORS);
    // Parsing DRL costs a run tens of milliseconds: only rules with a Row pattern are parsed (not "estimatedRows").
    private static final Pattern ROW_PATTERN = Pattern.compile("(?<![\\w$])Row\\s*\\(");

    private final CheckDefinition definition;
    private final Map<String, CustomFact> declared;
    private final List<String> problems = new ArrayList<>();

    private RowReferences(CheckDefinition definition) {
        this.definition = definition;
        this.declared = definition.metadata().customFacts();
    }

    static void check(CheckDefinition definition) throws RuleLoadException {
        if (!ROW_PATTERN.matcher(definition.drl()).find()) {
            return;
        }
        PackageDescr parsed;
        try {
            DrlParser parser = new DrlParser();
            parsed = parser.parse(false, definition.drl());
            if (parser.hasErrors() || parsed == null) {
                return; // the compiler reports syntax errors with their lines
            }
        } catch (DroolsParserException e) {
            return;
        }
        RowReferences references = new RowReferences(definition);
        parsed.getRules().forEach(references::checkRule);
        if (!references.problems.isEmpty()) {
            throw new RuleLoadException(String.join(System.lineSeparator(), references.problems));
        }
    }

    private void checkRule(RuleDescr rule) {
        Map<String, String> bound = new LinkedHashMap<>();
        walk(rule.getLhs(), bound);
        if (bound.isEmpty() || rule.getStartCharacter() < 0) {
            return;
        }
        int end = rule.getEndCharacter() > rule.getStartCharacter() ? Math.min(rule.getEndCharacter() + 1, definition.drl().length())
                : definition.drl().length();
        String text = definition.drl().substring(rule.getStartCharacter(), end);
        bound.forEach((variable, fact) -> {
            Matcher call = Pattern.compile(Pattern.quote(variable) + "\\s*\\.\\s*" + ACCESSORS).matcher(text);
            while (call.find()) {
                checkColumn(fact, call.group(1), call.group(2), lineAt(rule.getStartCharacter() + call.start()));
            }
        });
    }

    private void walk(BaseDescr descr, Map<String, String> bound) {
        if (descr instanceof PatternDescr pattern) {
            if (pattern.getObjectType().equals("Row") || pattern.getObjectType().equals("dev.pgwarden.facts.Row")) {
                checkPattern(pattern, bound);
            }
            if (pattern.getSource() instanceof AccumulateDescr accumulate) {
                walk(accumulate.getInput(), bound);
            } else if (pattern.getSource() instanceof CollectDescr collect) {
                walk(collect.getInputPattern(), bound);
            }
        } else if (descr instanceof ConditionalElementDescr element) {
            element.getDescrs().forEach(child -> walk((BaseDescr) child, bound));
        }
    }

    private void checkPattern(PatternDescr pattern, Map<String, String> bound) {
        List<String> expressions = pattern.getConstraint().getDescrs().stream()
                .filter(ExprConstraintDescr.class::isInstance).map(d -> ((ExprConstraintDescr) d).getExpression()).toList();
        String fact = expressions.stream().map(FACT::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst().orElse(null);
        int line = pattern.getLine();
        if (fact == null) {
            problems.add(where(line) + "a Row pattern must say which fact it matches, first: Row(fact == \"name\", ...)"
                    + knownFacts());
            return;
        }
        if (!declared.containsKey(fact)) {
            problems.add(where(line) + "Row(fact == \"" + fact + "\") names a fact that " + definition.metadataSource()
                    + " does not declare under custom_facts or facts_from" + knownFacts());
            return;
        }
        if (pattern.getIdentifier() != null && !pattern.getIdentifier().isBlank()) {
            bound.put(pattern.getIdentifier(), fact);
        }
        for (String expression : expressions) {
            Matcher call = UNBOUND_CALL.matcher(expression);
            while (call.find()) {
                checkColumn(fact, call.group(1), call.group(2), line);
            }
        }
    }

    private void checkColumn(String fact, String accessor, String column, int line) {
        ColumnType type = declared.get(fact).columns().get(column);
        if (type == null) {
            problems.add(where(line) + accessor + "(\"" + column + "\"): fact " + fact + " declares no column '" + column
                    + "' (declared: " + String.join(", ", declared.get(fact).columns().keySet()) + ")");
        } else if (!fits(accessor, type)) {
            problems.add(where(line) + accessor + "(\"" + column + "\"): column " + fact + "." + column + " is declared "
                    + type.typeName() + ", read it with " + type.accessor() + "(\"" + column + "\")");
        }
    }

    private static boolean fits(String accessor, ColumnType type) {
        return accessor.equals("isNull") || accessor.equals(type.accessor())
                || accessor.equals("doubleValue") && type.accessor().equals("longValue");
    }

    private String knownFacts() {
        return declared.isEmpty() ? " (the check declares no custom facts)" : " (declared: " + String.join(", ", declared.keySet()) + ")";
    }

    private String where(int line) {
        return definition.drlSource() + (line > 0 ? ":" + line : "") + ": ";
    }

    private int lineAt(int offset) {
        return (int) definition.drl().substring(0, Math.min(offset, definition.drl().length())).chars().filter(c -> c == '\n').count() + 1;
    }
}
