package dev.pgwarden.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One knob of a check as its metadata declares it.
 *
 * @param defaultValue the value used when neither suite nor command line sets one, as the user writes it
 * @param unit         what the number counts, for people (tuples, bytes, ×)
 * @param meaning      one line saying what the knob changes
 */
public record ParameterSpec(
        ParameterType type,
        @JsonProperty("default") String defaultValue,
        String unit,
        String meaning) {

    public ParameterSpec {
        Objects.requireNonNull(type, "parameter type must not be null");
        Objects.requireNonNull(defaultValue, "parameter default must not be null");
        unit = unit == null ? "" : unit;
        meaning = meaning == null ? "" : meaning;
    }
}
