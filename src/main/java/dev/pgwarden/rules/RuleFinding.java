package dev.pgwarden.rules;

import java.util.List;
import java.util.Objects;

/**
 * What a rule reported, before rendering: the kind of finding (a key of the metadata's {@code findings}),
 * the offending fact, a message with numbers, and any further facts whose values are evidence.
 */
public record RuleFinding(String kind, Object subject, String message, List<Object> context) {

    public RuleFinding {
        Objects.requireNonNull(kind, "finding kind must not be null");
        Objects.requireNonNull(subject, "finding subject must not be null");
        Objects.requireNonNull(message, "finding message must not be null");
        context = List.copyOf(context);
    }
}
