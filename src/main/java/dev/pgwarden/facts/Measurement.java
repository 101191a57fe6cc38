package dev.pgwarden.facts;

import java.util.Objects;

/**
 * One measured value of one object, as baselines keep and compare them; higher is worse.
 *
 * @param floor the smallest value worth judging: below it, a change is noise
 */
public record Measurement(String object, String metric, double value, double floor) implements CatalogObject {

    public Measurement {
        Objects.requireNonNull(object, "measurement object must not be null");
        Objects.requireNonNull(metric, "measurement metric must not be null");
    }

    @Override
    public String objectName() {
        return object;
    }
}
