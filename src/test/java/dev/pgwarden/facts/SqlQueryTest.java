package dev.pgwarden.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Named parameters in fact queries become JDBC placeholders; nothing else in the SQL changes meaning. */
class SqlQueryTest {

    @Test
    void namedParametersBecomePlaceholdersInOrder() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", "SELECT * FROM t WHERE size >= :min_size AND scans >= :min_seq_scans OR size > :min_size * 2");

        assertThat(query.sql()).isEqualTo("SELECT * FROM t WHERE size >= ? AND scans >= ? OR size > ? * 2");
        assertThat(query.parameterNames()).containsExactly("min_size", "min_seq_scans", "min_size");
        assertThat(query.resource()).isEqualTo("sql/t.sql");
    }

    @Test
    void castsAreLeftAlone() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", "SELECT reltuples::bigint, :min_size::bigint / 2, x::text::int FROM t");

        assertThat(query.sql()).isEqualTo("SELECT reltuples::bigint, ?::bigint / 2, x::text::int FROM t");
        assertThat(query.parameterNames()).containsExactly("min_size");
    }

    @Test
    void commentLinesDoNotDeclareParameters() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", """
                -- Tables of at least :min_size, sized exactly.
                    -- indented comment naming :min_seq_scans
                SELECT 1 FROM t WHERE size >= :min_size
                """);

        assertThat(query.parameterNames()).containsExactly("min_size");
        assertThat(query.sql()).doesNotContain(":min_seq_scans").contains("WHERE size >= ?");
    }

    @Test
    void stringsContainingDoubleDashAreKept() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", """
                SELECT format('ROLLBACK PREPARED %L;  -- or COMMIT PREPARED, age %s', gid, age)
                  FROM prepared WHERE age > :max_age
                """);

        assertThat(query.sql()).contains("'ROLLBACK PREPARED %L;  -- or COMMIT PREPARED, age %s'", "WHERE age > ?");
        assertThat(query.parameterNames()).containsExactly("max_age");
    }

    @Test
    void colonsInsideStringsAreNotParameters() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", "SELECT host || ':' || port, 'at:noon' FROM t WHERE x > :min_rows");

        assertThat(query.sql()).isEqualTo("SELECT host || ':' || port, 'at:noon' FROM t WHERE x > ?");
        assertThat(query.parameterNames()).containsExactly("min_rows");
    }

    @Test
    void trailingCommentDoesNotDeclareParameters() {
        SqlQuery query = SqlQuery.parse("sql/t.sql", "SELECT 1 FROM t\n WHERE x > :min_rows  -- half of :min_size\n");

        assertThat(query.parameterNames()).containsExactly("min_rows");
    }

    @Test
    void dollarQuotedAndEscapedStringsAndBlockCommentsAreNotSearched() {
        SqlQuery query = SqlQuery.parse("sql/t.sql",
                "SELECT $$a :x$$, $q$ :y $q$, E'it\\'s :z', \"col:w\" /* :v */ FROM t WHERE n > :min_rows AND a[1:2] = a[lo:hi]");

        assertThat(query.parameterNames()).containsExactly("min_rows");
        assertThat(query.sql()).contains("$$a :x$$", "$q$ :y $q$", "E'it\\'s :z'", "\"col:w\"", "a[1:2] = a[lo:hi]")
                .doesNotContain(":v");
    }

    @Test
    void everyShippedQueryParses() {
        for (String kind : FactKind.names()) {
            for (int major : new int[] {13, 16, 17, 18}) {
                SqlQuery query = SqlQuery.load(kind, major);
                assertThat(query.sql()).as(query.resource()).doesNotContainPattern("(?<![:\\w]):[a-z_]");
            }
        }
    }
}
