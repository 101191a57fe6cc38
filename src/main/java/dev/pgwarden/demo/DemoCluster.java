package dev.pgwarden.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throwaway PostgreSQL for the demo, started from {@link PostgresBinaries} and deleted on close. Small
 * max_connections so saturation is quick to show; a long autovacuum naptime so autovacuum does not fix
 * the seeded problems before pgwarden sees them.
 */
public final class DemoCluster implements AutoCloseable {

    static final String DATABASE = "demo";
    private final EmbeddedPostgres postgres;

    private DemoCluster(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static DemoCluster start(PostgresBinaries binaries) throws IOException, SQLException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPgBinaryResolver(binaries.resolver())
                .setServerConfig("max_connections", "20")
                .setServerConfig("superuser_reserved_connections", "3")
                .setServerConfig("autovacuum_naptime", "1h")
                .start();
        DemoCluster cluster = new DemoCluster(postgres);
        try (Connection c = cluster.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return cluster;
    }

    /** A JDBC URL for the demo database; the embedded server trusts local connections, so no password. */
    public String url() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE + "?user=postgres";
    }

    /** The demo database as reports name it. */
    public String describe() {
        return "postgresql://postgres@localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "");
    }

    Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
