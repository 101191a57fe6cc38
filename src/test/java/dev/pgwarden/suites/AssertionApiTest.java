package dev.pgwarden.suites;

import static dev.pgwarden.testing.PostgresServers.createDatabase;
import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.api.Pgwarden;
import dev.pgwarden.api.UnhealthyDatabaseError;
import dev.pgwarden.testing.Polling;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The assertion API users call from their own tests, against a DataSource of a real server. */
class AssertionApiTest {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void server() {
        pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
    }

    private static DataSource dataSource(String db) {
        return pg.getDatabase("postgres", db);
    }

    @Test
    void healthyDatabasePassesThroughADataSource() throws Exception {
        String db = createDatabase(pg, "apiok");
        execute(pg, db, "CREATE TABLE public.orders (id int PRIMARY KEY)");

        Pgwarden.of(dataSource(db)).assertHealthy();
    }

    @Test
    void unhealthyDatabaseFailsWithTheFindingsText() throws Exception {
        String db = createDatabase(pg, "apibad");
        execute(pg, db, "CREATE TABLE public.customers (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.customers SELECT generate_series(1, 5000)");
        Polling.untilTableStatistics(pg, db, "public.customers", "n_live_tup >= 5000");

        assertThatThrownBy(() -> Pgwarden.of(dataSource(db)).checks("missing-analyze").assertHealthy())
                .isInstanceOf(UnhealthyDatabaseError.class)
                .hasMessageContaining("missing-analyze")
                .hasMessageContaining("public.customers")
                .hasMessageContaining("ANALYZE (VERBOSE) public.customers;");
    }

    @Test
    void parametersAndUrlsWorkLikeTheCommandLine() throws Exception {
        String db = createDatabase(pg, "apiurl");
        execute(pg, db, "CREATE TABLE public.customers (id int) WITH (autovacuum_enabled = false)",
                "INSERT INTO public.customers SELECT generate_series(1, 5000)");
        Polling.untilTableStatistics(pg, db, "public.customers", "n_live_tup >= 5000");

        var results = Pgwarden.of(PostgresServers.url(pg, db)).checks("missing-analyze")
                .set("missing-analyze.min_rows", "1000000").run();

        assertThat(results).singleElement().satisfies(r -> assertThat(r.status().label()).isEqualTo("passed"));
    }

    @Test
    void theSessionItUsesIsReadOnly() throws Exception {
        String db = createDatabase(pg, "apiro");
        try (var connection = dataSource(db).getConnection()) {
            dev.pgwarden.connection.TargetSession session = dev.pgwarden.connection.TargetSession.adopt(connection,
                    new dev.pgwarden.connection.ConnectionSettings("jdbc:postgresql://localhost/" + db, "postgres", null, java.util.Map.of()),
                    dev.pgwarden.connection.SessionOptions.defaults());
            try (var rs = session.connection().createStatement().executeQuery("SHOW transaction_read_only")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
        }
    }
}
