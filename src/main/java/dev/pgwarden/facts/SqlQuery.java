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
        for (int major = serverMajor; major > OLDEST_SUPPORTED_MAJOR; major--) {
            String variant = "sql/" + kind + ".pg" + major + ".sql";
            String text = read(variant);
            if (text != null) {
                return parse(variant, text);
            }
        }
        String base = "sql/" + kind + ".sql";
        String text = read(base);
        if (text == null) {
            throw new IllegalStateException("missing resource " + base);
        }
        return parse(base, text);
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
