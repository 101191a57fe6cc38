package dev.pgwarden.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A check's status as reports spell it. */
public enum Status {
    PASSED,
    FAILED,
    SKIPPED,
    ERROR;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
