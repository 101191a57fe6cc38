package dev.pgwarden.checks;

import static dev.pgwarden.testing.PostgresServers.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.results.CheckResult;
import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Outcome;
import dev.pgwarden.results.Status;
import dev.pgwarden.testing.Checks;
import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema and index checks as a role with only pg_monitor and CONNECT, which may not even use the
 * application's schema: the catalog checks reach the superuser's verdict on the same objects; the bloat
 * estimates, which need the tables' pg_stats rows, skip naming the privilege, and with pg_read_all_data
 * (PostgreSQL 14 and later) reach the superuser's verdict too.
 */
class SchemaChecksLeastPrivilegeTest {

    /** Check → overrides at which the seeded database fails it. */
    private static final Map<String, List<String>> CHECKS = Map.of(
            "invalid-indexes", List.of(),
            "duplicate-indexes", List.of(),
            "overlapping-indexes", List.of(),
            "unused-indexes", List.of("min_size=64kB", "min_stats_age=0s"),
            "foreign-key-without-index", List.of(),
            "table-bloat", List.of("min_wasted=4MB"),
            "index-bloat", List.of("min_wasted=1MB"));

    @ParameterizedTest(name = "PostgreSQL {0}")
    @ValueSource(ints = {13, 17})
    void catalogChecksReachTheSuperusersVerdictAndBloatEstimatesSkipNamingThePrivilege(int major) throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(major);
        String db = PostgresServers.createDatabase(pg, "schema_privilege");
        String monitor = "monitor_" + db;
        seed(pg, db, monitor);
        String base = "jdbc:postgresql://localhost:" + pg.getPort() + "/" + db + "?user=";

        for (Map.Entry<String, List<String>> check : CHECKS.entrySet()) {
            CheckResult superuser = run(base + "postgres", check);
            CheckResult asMonitor = run(base + monitor, check);
            assertThat(superuser.status()).as(check.getKey() + " as superuser").isEqualTo(Status.FAILED);
            if (check.getKey().endsWith("-bloat")) {
                assertThat(asMonitor.status()).as(check.getKey()).isEqualTo(Status.SKIPPED);
                assertThat(((Outcome.Skipped) asMonitor.outcome()).reason()).as(check.getKey())
                        .startsWith("missing privilege").contains("app.churned", "pg_read_all_data", "SELECT on the table");
            } else {
                assertThat(verdict(asMonitor)).as(check.getKey()).isEqualTo(verdict(superuser));
            }
        }
        if (major >= 14) {
            execute(pg, db, "GRANT pg_read_all_data TO " + monitor);
            for (String bloat : List.of("table-bloat", "index-bloat")) {
                Map.Entry<String, List<String>> check = Map.entry(bloat, CHECKS.get(bloat));
                assertThat(verdict(run(base + monitor, check))).as(bloat + " with pg_read_all_data")
                        .isEqualTo(verdict(run(base + "postgres", check))).startsWith("failed [app.churned");
            }
        }
    }

    private static CheckResult run(String url, Map.Entry<String, List<String>> check) {
        return Checks.run(url, check.getKey(), check.getValue().toArray(String[]::new));
    }

    private static String verdict(CheckResult result) {
        TreeSet<String> objects = new TreeSet<>();
        result.findings().stream().map(Finding::object).forEach(objects::add);
        return result.status().name().toLowerCase(java.util.Locale.ROOT) + " " + objects;
    }

    /** Every state the checks fail on, in a schema the monitoring role may not use. */
    private static void seed(EmbeddedPostgres pg, String db, String monitor) throws Exception {
        execute(pg, db,
                "CREATE ROLE " + monitor + " LOGIN",
                "GRANT pg_monitor TO " + monitor,
                "REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + db + " TO " + monitor,
                "CREATE SCHEMA app",
                "CREATE TABLE app.customers (id bigint PRIMARY KEY, email text)",
                "INSERT INTO app.customers SELECT g, 'c' || g FROM generate_series(1, 100) g",
                "INSERT INTO app.customers VALUES (101, 'c1')",
                "CREATE INDEX customers_email ON app.customers (email)",
                "CREATE INDEX customers_email_again ON app.customers (email)",
                "CREATE INDEX customers_email_id ON app.customers (email, id)",
                "CREATE TABLE app.churned (id bigint, customer_id bigint REFERENCES app.customers, payload text)",
                "INSERT INTO app.churned SELECT g, 1 + g % 100, repeat('x', 100) FROM generate_series(1, 80000) g",
                "CREATE INDEX churned_id ON app.churned (id)",
                "DELETE FROM app.churned WHERE id % 5 <> 0",
                "VACUUM ANALYZE app.churned",
                "ANALYZE app.customers");
        assertThatThrownBy(() -> execute(pg, db, "CREATE UNIQUE INDEX CONCURRENTLY customers_email_key ON app.customers (email)"))
                .isInstanceOf(SQLException.class);
    }
}
