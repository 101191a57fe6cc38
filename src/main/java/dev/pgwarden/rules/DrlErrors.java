package dev.pgwarden.rules;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.compiler.compiler.ImportError;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExpressionDescr;
import org.drools.drl.ast.descr.PredicateDescr;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.KnowledgeBuilderError;

/**
 * Turns Drools compile errors into {@code rules/<id>.drl:<line>: message} lines. Drools leaves the line out
 * of a constraint it cannot analyse (line -1) and puts every unresolvable import on line 1, so those lines
 * are found in the DRL text: the expression within its rule, the import statement by its class name.
 */
final class DrlErrors {

    private static final Pattern QUOTED_CLASS = Pattern.compile("'([\\w.$]+)'");

    private DrlErrors() {
    }

    static String describe(Collection<KnowledgeBuilderError> errors, CheckDefinition definition) {
        List<Located> located = errors.stream().map(e -> new Located(line(e, definition.drl()), e)).toList();
        boolean anyLine = located.stream().anyMatch(l -> l.line() > 0);
        return located.stream()
                // "Parser returned a null Package" only repeats that the parser errors above happened.
                .filter(l -> !(anyLine && l.line() <= 0 && l.error() instanceof ParserError))
                .map(l -> definition.drlSource() + (l.line() > 0 ? ":" + l.line() : "") + ": " + message(l.error()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** The 1-based DRL line the error is about, or 0 when not even the rule is known. */
    static int line(KnowledgeBuilderError error, String drl) {
        if (error instanceof ImportError) {
            int line = importLine(String.valueOf(error.getMessage()), drl);
            if (line > 0) {
                return line;
            }
        }
        int[] lines = error.getLines();
        if (lines != null && lines.length > 0 && lines[0] > 0) {
            return lines[0];
        }
        return error instanceof DescrBuildError built ? lineInRule(built, drl) : 0;
    }

    private static int importLine(String message, String drl) {
        Matcher name = QUOTED_CLASS.matcher(message);
        if (!name.find()) {
            return 0;
        }
        Matcher statement = Pattern.compile("(?m)^[ \\t]*import[ \\t]+" + Pattern.quote(name.group(1)) + "[ \\t]*;?[ \\t]*(//.*)?$").matcher(drl);
        return statement.find() ? lineAt(drl, statement.start()) : 0;
    }

    private static int lineInRule(DescrBuildError error, String drl) {
        BaseDescr rule = error.getParentDescr();
        if (rule == null) {
            return 0;
        }
        String expression = expression(error.getDescr());
        if (expression != null && !expression.isBlank() && rule.getStartCharacter() >= 0) {
            int at = drl.indexOf(expression.strip(), rule.getStartCharacter());
            if (at >= 0 && (rule.getEndCharacter() <= 0 || at < rule.getEndCharacter())) {
                return lineAt(drl, at);
            }
        }
        return Math.max(rule.getLine(), 0);
    }

    private static String expression(BaseDescr descr) {
        if (descr instanceof PredicateDescr predicate) {
            return String.valueOf(predicate.getContent());
        }
        return descr instanceof ExpressionDescr expression ? expression.getExpression() : null;
    }

    private static int lineAt(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    private static String message(KnowledgeBuilderError error) {
        return error.getMessage() == null ? "compile error" : error.getMessage().strip().replaceAll("\\s+", " ");
    }

    private record Located(int line, KnowledgeBuilderError error) {
    }
}
