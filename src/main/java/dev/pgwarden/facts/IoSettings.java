package dev.pgwarden.facts;

/**
 * Settings that shape read latency, as they are now, and the connected database's cache hit ratio (null
 * before any block was read). How to change and restore them comes from {@link ServerSetting}.
 */
public record IoSettings(
        String databaseName,
        String sharedBuffers,
        String effectiveIoConcurrency,
        String cacheHitRatio) {
}
