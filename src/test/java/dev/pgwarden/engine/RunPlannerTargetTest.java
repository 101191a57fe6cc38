package dev.pgwarden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgwarden.connection.TargetConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target as the JUnit configuration parameter {@code pgwarden.url} names it, resolved with the environment
 * the planner is given: sockets and connection services as for {@code --url}. Nothing connects.
 */
class RunPlannerTargetTest {

    @TempDir
    Path directory;

    private RunPlan plan(Map<String, String> environment, String url) throws Exception {
        Map<String, String> parameters = Map.of(Constants.URL, url, Constants.CHECKS, "xid-age");
        return new RunPlanner(environment).plan(parameters::get);
    }

    @Test
    void aServiceInTheUrlParameterIsLookedUpInTheServiceFile() throws Exception {
        Path services = Files.write(directory.resolve("services.conf"), List.of("[orders]", "host=/var/run/postgresql",
                "port=5433", "dbname=orders", "user=auditor"));

        RunPlan plan = plan(Map.of("PGSERVICEFILE", services.toString()), "postgresql:///?service=orders");

        assertThat(plan.target().describe()).isEqualTo("postgresql://auditor@/orders?host=/var/run/postgresql&port=5433");
    }

    @Test
    void aServiceDefinedNowhereIsAConfigurationError() {
        Map<String, String> environment = Map.of("HOME", directory.toString(), "PGSYSCONFDIR", directory.toString());

        assertThatThrownBy(() -> plan(environment, "postgresql:///?service=orders"))
                .isInstanceOf(TargetConfigException.class)
                .hasMessageContaining("definition of service 'orders' (service= in the URL) not found; searched " + directory);
    }
}
