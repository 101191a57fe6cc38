package dev.pgwarden.facts;

/**
 * Settings that shape read latency, as they are now, with statements that restore each one, and the
 * connected database's cache hit ratio (null before any block was read).
 */
public record IoSettings(
        String databaseName,
        String sharedBuffers,
        String sharedBuffersRollback,
        String effectiveIoConcurrency,
        String effectiveIoConcurrencyRollback,
        String cacheHitRatio) {
}
