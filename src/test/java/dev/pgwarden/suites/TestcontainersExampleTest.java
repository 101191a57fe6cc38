package dev.pgwarden.suites;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pgwarden.api.Pgwarden;
import dev.pgwarden.api.UnhealthyDatabaseError;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * How a user with Docker checks a containerized PostgreSQL from their own test. Needs a Docker engine;
 * without one it is skipped with that reason (AssertionApiTest covers the same API on embedded servers).
 */
class TestcontainersExampleTest {

    @Test
    void migratedSchemaWithoutAnalyzeFailsTheHealthAssertion() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine here: Testcontainers cannot start PostgreSQL");
        try (PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine")) {
            postgres.start();
            try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id int) WITH (autovacuum_enabled = false)");
                s.execute("INSERT INTO customers SELECT generate_series(1, 5000)");
            }
            String url = "postgresql://" + postgres.getUsername() + ":" + postgres.getPassword() + "@" + postgres.getHost()
                    + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + postgres.getDatabaseName();

            assertThatThrownBy(() -> Pgwarden.of(url).checks("missing-analyze").assertHealthy())
                    .isInstanceOf(UnhealthyDatabaseError.class)
                    .hasMessageContaining("public.customers");
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
