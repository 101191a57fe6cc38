package dev.pgwarden.rules;

import java.util.Objects;

/**
 * A check as loaded from disk: its metadata and its DRL text, with where each came from so errors can
 * name the file.
 *
 * @param metadataSha256 the SHA-256 of the metadata file's text, for reports' provenance; null when the
 *                       definition was not read from a file
 */
public record CheckDefinition(CheckMetadata metadata, String drl, String drlSource, String metadataSource, String metadataSha256) {

    public CheckDefinition(CheckMetadata metadata, String drl, String drlSource, String metadataSource) {
        this(metadata, drl, drlSource, metadataSource, null);
    }

    public CheckDefinition {
        Objects.requireNonNull(metadata, "metadata must not be null");
        Objects.requireNonNull(drl, "drl must not be null");
        Objects.requireNonNull(drlSource, "drlSource must not be null");
        Objects.requireNonNull(metadataSource, "metadataSource must not be null");
    }

    /** The SHA-256 of the rule file's text. */
    public String drlSha256() {
        return dev.pgwarden.results.Sha256.of(drl);
    }

    public String id() {
        return metadata.id();
    }
}
