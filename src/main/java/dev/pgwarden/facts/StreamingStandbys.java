package dev.pgwarden.facts;

/**
 * The physical standbys streaming from the server now (logical walsenders left out).
 *
 * @param names each standby's application_name (or address) with its state, comma-separated
 */
public record StreamingStandbys(long standbys, String names) {
}
