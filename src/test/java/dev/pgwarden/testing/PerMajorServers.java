package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Servers of a test class's own, one per major, each started the same way on first use and closed with the
 * class ({@code @AfterAll}): for tests that change settings or hold server-wide state.
 */
public final class PerMajorServers implements AutoCloseable {

    /** Starts and prepares the server of one major, from {@link PostgresServers#builder}. */
    @FunctionalInterface
    public interface Starter {
        EmbeddedPostgres start(int major) throws Exception;
    }

    private final Starter starter;
    private final Map<Integer, EmbeddedPostgres> servers = new HashMap<>();

    public PerMajorServers(Starter starter) {
        this.starter = starter;
    }

    public synchronized EmbeddedPostgres get(int major) throws Exception {
        EmbeddedPostgres pg = servers.get(major);
        if (pg == null) {
            pg = starter.start(major);
            servers.put(major, pg);
        }
        return pg;
    }

    @Override
    public synchronized void close() throws IOException {
        for (EmbeddedPostgres pg : servers.values()) {
            pg.close();
        }
        servers.clear();
    }
}
