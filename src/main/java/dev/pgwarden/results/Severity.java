package dev.pgwarden.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a finding is. Ordered: a later constant is more severe. */
public enum Severity {
    WARNING,
    CRITICAL;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code warning} or {@code critical}, in any case. */
    @JsonCreator
    public static Severity parse(String text) {
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return severity;
            }
        }
        throw new IllegalArgumentException("severity must be 'warning' or 'critical', got '" + text + "'");
    }

    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }
}
