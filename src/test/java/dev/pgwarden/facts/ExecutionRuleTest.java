package dev.pgwarden.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule for executing a statement behind a finding, and the table pattern that finds them. */
class ExecutionRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT count(*) FROM orders WHERE note IS NULL", "select 1;", "  WITH t AS (SELECT 1) SELECT * FROM t ;;",
            "SELECT a FROM t JOIN u USING (id) ORDER BY a"})
    void plainSelectsWithoutParametersPassTheText(String text) {
        assertThat(ReadOnlySelect.refusal(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM t WHERE id = $1|parameters ($1, ...)",
            "DELETE FROM t|it is not a SELECT (it starts with DELETE)",
            "SELECT * FROM t FOR UPDATE|holds the word FOR",
            "SELECT * INTO copy FROM t|holds the word INTO",
            "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d|holds the word DELETE",
            "SELECT 1; DELETE FROM t|more than one statement",
            "/* report */ SELECT 1|it is not a SELECT (it starts with report)",
            "EXPLAIN ANALYZE SELECT 1|it is not a SELECT (it starts with EXPLAIN)"})
    void anythingElseIsRefusedSayingWhy(String text, String reason) {
        assertThat(ReadOnlySelect.refusal(text)).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @Test
    void aPlanMayOnlyReadAndCallBuiltInFunctionsKnownToBeSafe() {
        String reading = "[{\"Plan\":{\"Node Type\":\"Aggregate\",\"Output\":[\"count(*)\"],\"Plans\":[{\"Node Type\":\"Seq Scan\","
                + "\"Relation Name\":\"orders\",\"Output\":[\"id\"],\"Filter\":\"((note IS NULL) AND (lower(name) = ANY ('{a}'::text[])))\"}]}}]";
        String locking = "[{\"Plan\":{\"Node Type\":\"LockRows\",\"Plans\":[]}}]";
        String calling = "[{\"Plan\":{\"Node Type\":\"Result\",\"Output\":[\"public.touch_marker()\"]}}]";

        assertThat(PlanSafety.refusal(reading, Set.of())).isEmpty();
        assertThat(PlanSafety.refusal(reading, Set.of("lower"))).hasValue(
                "it calls lower(), not among the built-in functions known to have no side effects");
        assertThat(PlanSafety.refusal(locking, Set.of())).hasValue("its plan has a LockRows node, which may do more than read");
        assertThat(PlanSafety.refusal(calling, Set.of())).hasValueSatisfying(r -> assertThat(r).startsWith("it calls touch_marker()"));
    }

    @Test
    void theTablePatternMatchesTheTableAfterFromOrJoinInPostgresql() throws Exception {
        EmbeddedPostgres pg = PostgresServers.shared(PostgresServers.DEFAULT_MAJOR);
        String plain = TablePattern.afterFromOrJoin("public", "orders");
        String quoted = TablePattern.afterFromOrJoin("Web", "Page Views");

        assertThat(matches(pg, "SELECT * FROM orders WHERE id = $1", plain)).isTrue();
        assertThat(matches(pg, "select * from PUBLIC . Orders o", plain)).isTrue();
        assertThat(matches(pg, "SELECT * FROM a JOIN \"orders\" USING (id)", plain)).isTrue();
        assertThat(matches(pg, "SELECT * FROM orders_archive", plain)).isFalse();
        assertThat(matches(pg, "SELECT orders FROM other", plain)).isFalse();
        assertThat(matches(pg, "SELECT * FROM \"Web\".\"Page Views\"", quoted)).isTrue();
        assertThat(matches(pg, "SELECT * FROM web.\"page views\"", quoted)).isFalse();
    }

    private static boolean matches(EmbeddedPostgres pg, String text, String pattern) throws Exception {
        try (Connection c = PostgresServers.superuser(pg, "postgres"); PreparedStatement s = c.prepareStatement("SELECT ? ~ ?")) {
            s.setString(1, text);
            s.setString(2, pattern);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }
}
