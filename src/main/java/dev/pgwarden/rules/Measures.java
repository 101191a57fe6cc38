package dev.pgwarden.rules;

import dev.pgwarden.results.Measurement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads a check's declared measures off the facts it gathered. A measure with no matching fact is left out. */
public final class Measures {

    public List<Measurement> measure(CheckMetadata metadata, List<?> facts) {
        List<Measurement> measured = new ArrayList<>();
        for (Map.Entry<String, MeasureSpec> entry : metadata.measures().entrySet()) {
            MeasureSpec spec = entry.getValue();
            value(spec, facts).ifPresent(v -> measured.add(new Measurement(entry.getKey(), v * spec.scale(), spec.help())));
        }
        return measured;
    }

    private static OptionalDouble value(MeasureSpec spec, List<?> facts) {
        return facts.stream()
                .filter(f -> f instanceof Record && f.getClass().getSimpleName().equals(spec.fact()))
                .map(f -> component((Record) f, spec.field()))
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .reduce(spec.combiner());
    }

    private static Object component(Record fact, String field) {
        for (RecordComponent component : fact.getClass().getRecordComponents()) {
            if (component.getName().equals(field)) {
                try {
                    return component.getAccessor().invoke(fact);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + fact.getClass().getSimpleName() + "." + field, e);
                }
            }
        }
        throw new IllegalStateException(fact.getClass().getSimpleName() + " has no field '" + field + "'");
    }
}
