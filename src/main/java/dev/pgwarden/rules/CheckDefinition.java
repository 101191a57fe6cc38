package dev.pgwarden.rules;

import java.util.Objects;

/**
 * A check as loaded from disk: its metadata and its DRL text, with where each came from so errors can
 * name the file.
 */
public record CheckDefinition(CheckMetadata metadata, String drl, String drlSource, String metadataSource) {

    public CheckDefinition {
        Objects.requireNonNull(metadata, "metadata must not be null");
        Objects.requireNonNull(drl, "drl must not be null");
        Objects.requireNonNull(drlSource, "drlSource must not be null");
        Objects.requireNonNull(metadataSource, "metadataSource must not be null");
    }

    public String id() {
        return metadata.id();
    }
}
