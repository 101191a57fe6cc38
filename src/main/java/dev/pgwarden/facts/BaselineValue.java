package dev.pgwarden.facts;

import java.util.Objects;

/** A value a baseline file recorded for one object and metric, to compare today's against. */
public record BaselineValue(String object, String metric, double baselineValue, String savedAt) {

    public BaselineValue {
        Objects.requireNonNull(object, "baseline object must not be null");
        Objects.requireNonNull(metric, "baseline metric must not be null");
    }
}
