package dev.pgwarden.results;

import java.util.Objects;

/** A finding that a waiver accepted: reported, but it does not fail the check. */
public record WaivedFinding(Finding finding, Waiver waiver) {

    public WaivedFinding {
        Objects.requireNonNull(finding, "finding must not be null");
        Objects.requireNonNull(waiver, "waiver must not be null");
    }
}
