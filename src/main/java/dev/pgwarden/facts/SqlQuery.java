package dev.pgwarden.facts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One fact query as read from {@code sql/}: the variant for the server's major version, with its named
 * parameters ({@code :min_size}) turned into JDBC placeholders in order.
 *
 * <p>{@code <kind>.sql} serves the oldest supported major (13); {@code <kind>.pgNN.sql} serves NN and
 * later, so the newest variant not newer than the server wins.
 */
public record SqlQuery(String resource, String sql, List<String> parameterNames) {

    static final int OLDEST_SUPPORTED_MAJOR = 13;

    public SqlQuery {
        parameterNames = List.copyOf(parameterNames);
    }

    public static SqlQuery load(String kind, int serverMajor) {
        return parse(variant(kind, serverMajor), text(kind, serverMajor));
    }

    /**
     * The variant's SQL as one statement another collector can run: each named parameter as the literal
     * {@code literal} gives (numbers only, so nothing needs quoting), comments and the final semicolon dropped.
     */
    public static String inlined(String kind, int serverMajor, java.util.function.Function<String, Number> literal) {
        String sql = NamedParameters.inline(text(kind, serverMajor), name -> String.valueOf(literal.apply(name)))
                .lines().map(String::stripTrailing).filter(line -> !line.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1).strip() : sql;
    }

    private static String variant(String kind, int serverMajor) {
        for (int major = serverMajor; major > OLDEST_SUPPORTED_MAJOR; major--) {
            String variant = "sql/" + kind + ".pg" + major + ".sql";
            String text = read(variant);
            if (text != null) {
                return variant;
            }
        }
        return "sql/" + kind + ".sql";
    }

    private static String text(String kind, int serverMajor) {
        String resource = variant(kind, serverMajor);
        String text = read(resource);
        if (text == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return text;
    }

    static SqlQuery parse(String resource, String text) {
        return NamedParameters.parse(resource, text);
    }

    private static String read(String resource) {
        try (InputStream in = SqlQuery.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
