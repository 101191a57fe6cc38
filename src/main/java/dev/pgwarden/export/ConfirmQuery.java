package dev.pgwarden.export;

import dev.pgwarden.facts.SqlQuery;
import dev.pgwarden.results.FactQuery;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fact query as a person runs it in psql: the very variant that ran (so the one for the server's major), with
 * the values that were bound to its parameters written in as literals.
 */
final class ConfirmQuery {

    private static final Pattern VARIANT = Pattern.compile("sql/(.+?)(?:\\.pg(\\d+))?\\.sql");
    private static final Pattern BOUND = Pattern.compile("^-- :(\\w+) = (\\S+)", Pattern.MULTILINE);
    private static final int OLDEST_VARIANT = 13;

    private ConfirmQuery() {
    }

    static String sql(FactQuery query) {
        Matcher variant = VARIANT.matcher(query.resource());
        if (!variant.matches()) {
            return query.sql();
        }
        // A variant serves its own major, so asking for that major reads this very file back.
        int major = variant.group(2) == null ? OLDEST_VARIANT : Integer.parseInt(variant.group(2));
        Map<String, Number> bound = new HashMap<>();
        Matcher values = BOUND.matcher(query.sql());
        while (values.find()) {
            bound.put(values.group(1), values.group(2).equals("NULL") ? null : new BigDecimal(values.group(2)));
        }
        return SqlQuery.inlined(variant.group(1), major, bound::get) + ";";
    }
}
