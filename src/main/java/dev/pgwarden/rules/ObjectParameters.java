package dev.pgwarden.rules;

import dev.pgwarden.results.ObjectPattern;
import java.util.Objects;

/** The parameters rules see for the objects one pattern matches. */
public record ObjectParameters(ObjectPattern pattern, Parameters parameters) {

    public ObjectParameters {
        Objects.requireNonNull(pattern, "pattern must not be null");
        Objects.requireNonNull(parameters, "parameters must not be null");
    }
}
