package dev.pgwarden.engine;

import dev.pgwarden.results.Outcome;
import java.util.List;
import java.util.Optional;

/** Facts that do not come from a SQL resource (the host probe, the run's options). */
interface FactSource {

    /** Adds this source's facts, or says why a check that needs them cannot run. */
    Optional<Outcome> addTo(List<Object> facts);

    /** Whether the run was given what this source reads (a probe, a baseline, a target version): without it a check needing it is skipped. */
    default boolean given() {
        return true;
    }
}
