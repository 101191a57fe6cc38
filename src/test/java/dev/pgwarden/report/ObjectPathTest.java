package dev.pgwarden.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgwarden.results.Finding;
import dev.pgwarden.results.Severity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where SARIF locates a finding, for each kind of object the checks name. */
class ObjectPathTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(nullValues = "-", value = {
            // target, object, evidence database_name, evidence server_name -> qualified name, kind
            "jdbc:postgresql://h:5432/app?user=m, public.orders, -, -, app.public.orders, table",
            "postgresql://m@h:5432/app, sales.\"Orders.2024\", -, -, app.sales.\"Orders.2024\", table",
            "postgresql://m@h:5432/app, public.orders, other, -, other.public.orders, table",
            "postgresql://m@h:5432/app, template0, template0, -, template0, database",
            "postgresql://m@h:5432/app, 10.0.0.5:5432, -, 10.0.0.5:5432, 10.0.0.5:5432, server",
            "postgresql://m@h:5432/, public.orders, -, -, public.orders, table",
    })
    void locatesTablesDatabasesAndServers(String target, String object, String database, String server,
            String qualified, String kind) {
        Map<String, Object> evidence = new HashMap<>();
        evidence.put("database_name", database);
        evidence.put("server_name", server);
        ObjectPath path = ObjectPath.of(target, new Finding(object, "m", Severity.WARNING, "", "", evidence));

        assertThat(path.qualifiedName()).isEqualTo(qualified);
        assertThat(path.kind()).isEqualTo(kind);
    }
}
