package dev.pgwarden.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.testing.PostgresServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template filters quote as the server's own quote_ident and quote_literal do. */
class SqlQuotingTest {

    private static final List<String> VALUES = List.of("orders", "_t1", "Orders", "order", "select", "user", "analyze", "name",
            "t$1", "1t", "o'; DROP TABLE keep; --", "a\"b", "back\\slash", "it's", "grüße", "", "with space");

    @Test
    void identifiersAndLiteralsAreQuotedAsTheServerQuotesThem() throws Exception {
        try (Connection c = PostgresServers.superuser(PostgresServers.shared(PostgresServers.DEFAULT_MAJOR), "postgres");
             PreparedStatement quote = c.prepareStatement("SELECT quote_ident(?), quote_literal(?)")) {
            for (String value : VALUES) {
                quote.setString(1, value);
                quote.setString(2, value);
                try (ResultSet r = quote.executeQuery()) {
                    r.next();
                    assertThat(SqlQuoting.identifier(value)).as("identifier %s", value).isEqualTo(r.getString(1));
                    assertThat(SqlQuoting.literal(value)).as("literal %s", value).isEqualTo(r.getString(2));
                }
            }
        }
    }

    @Test
    void templatesQuoteOnlyWhereAFilterSaysSo() {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("table_name", "o'; DROP TABLE keep; --", "n", 5));
        values.put("missing", null);

        assertThat(FindingRenderer.fill("ANALYZE public.{table_name|ident}; -- {n} {n|literal}", values))
                .isEqualTo("ANALYZE public.\"o'; DROP TABLE keep; --\"; -- 5 '5'");
        assertThat(FindingRenderer.fill("SELECT {table_name|literal}, {missing|literal}, {missing|ident}, {unknown|ident}", values))
                .isEqualTo("SELECT 'o''; DROP TABLE keep; --', NULL, {missing|ident}, {unknown|ident}");
    }
}
