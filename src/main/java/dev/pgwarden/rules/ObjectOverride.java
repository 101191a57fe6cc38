package dev.pgwarden.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameter values for the objects a glob matches, e.g. a higher {@code min_dead_tuples} for one
 * append-heavy table. The first override that matches an object wins.
 *
 * @param match a glob over object names as findings print them: {@code public.events_*}, {@code analytics}
 */
public record ObjectOverride(String match, Map<String, String> parameters) {

    public ObjectOverride {
        Objects.requireNonNull(match, "'match' is required: a glob such as public.events_*");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
