package dev.pgwarden.engine;

import dev.pgwarden.rules.ObjectParameters;
import dev.pgwarden.rules.SelectedCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values bound to a fact query's named parameters, shared by every check of a run that needs the
 * fact, so one query serves them all.
 *
 * <p>A fact query uses a parameter only as a lower bound that spares it rows no check could fail on
 * ({@code :min_size}, {@code :min_rows}), each bound a term of one {@code OR}. So each name is bound to
 * the smallest value any of those checks holds for it, object overrides included, and to NULL where none
 * declares it (the query drops that term); when one of the checks declares none of the query's
 * parameters, all are NULL, and the query returns every row.
 */
final class FactBindings {

    private final List<SelectedCheck> checks;

    FactBindings(List<SelectedCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * @param kind       the fact kind's name, as checks list it under {@code facts}
     * @param parameters the names the kind's query uses
     */
    Map<String, Number> of(String kind, List<String> parameters) {
        Map<String, Number> bound = new LinkedHashMap<>();
        parameters.forEach(name -> bound.put(name, null));
        List<SelectedCheck> needing = checks.stream().filter(c -> c.metadata().facts().contains(kind)).toList();
        boolean unbounded = needing.stream().anyMatch(check -> parameters.stream().noneMatch(check.parameters().values()::containsKey));
        if (unbounded) {
            return bound;
        }
        for (SelectedCheck check : needing) {
            for (String name : parameters) {
                for (Number value : valuesOf(check, name)) {
                    bound.merge(name, value, FactBindings::smaller);
                }
            }
        }
        return bound;
    }

    /** The check's value for a parameter and every object override's, or none when it lacks the parameter. */
    private static List<Number> valuesOf(SelectedCheck check, String name) {
        List<Number> values = new ArrayList<>();
        if (check.parameters().values().containsKey(name)) {
            values.add(check.parameters().values().get(name));
            for (ObjectParameters override : check.objectParameters()) {
                Number value = override.parameters().values().get(name);
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static Number smaller(Number a, Number b) {
        return Double.compare(a.doubleValue(), b.doubleValue()) <= 0 ? a : b;
    }
}
