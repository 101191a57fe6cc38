package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which client backends a sampling probe traces: spread across databases first, at most N at once, a slot freed by
 * an exited backend taken by a newer one, and what the envelope records of it.
 */
class BackendSampleTest {

    @Test
    void eachDatabaseWithClientsGetsABackendBeforeAnyGetsTwo() {
        BackendSample sample = new BackendSample(3);

        Map<Long, String> clients = Map.of(101L, "shop", 102L, "shop", 103L, "shop", 201L, "audit", 301L, "crm");

        assertThat(sample.choose(clients, Set.of())).containsExactly(201L, 301L, 101L);
    }

    @Test
    void anExitedBackendFreesItsSlotForANewerOneAndIsNotChosenAgain() {
        BackendSample sample = new BackendSample(2);
        assertThat(sample.choose(Map.of(101L, "shop", 102L, "shop", 103L, "shop"), Set.of())).containsExactly(101L, 102L);

        // 101 exited; 102 is still traced
        assertThat(sample.choose(Map.of(102L, "shop", 103L, "shop", 104L, "shop"), Set.of(102L))).containsExactly(103L);
        assertThat(sample.choose(Map.of(102L, "shop", 103L, "shop", 104L, "shop"), Set.of(102L, 103L))).isEmpty();
    }

    @Test
    void theResultCountsEveryClientSeenAndTheTracedOnesPerDatabase() {
        BackendSample sample = new BackendSample(2);
        sample.choose(Map.of(101L, "shop", 102L, "shop", 103L, "shop", 201L, "audit"), Set.of());
        sample.choose(Map.of(101L, "shop", 104L, "shop", 301L, "crm"), Set.of(101L, 201L));
        sample.traced(101L, "shop");
        sample.traced(201L, "audit");

        SampledBackends result = sample.result();

        assertThat(result.seen()).isEqualTo(6);
        assertThat(result.traced()).isEqualTo(2);
        assertThat(result.untracedDatabases()).containsExactly("crm");
        assertThat(result.describe()).isEqualTo("2 of 6 client backends (probe --statement-backends 2)");
        assertThat(result.describe("shop"))
                .isEqualTo("1 of its 4 client backends (2 of 6 in the cluster, probe --statement-backends 2)");
        assertThat(result.whyNotMeasured("crm")).startsWith("database crm: none of its 1 client backends was among the"
                + " 2 of 6 client backends (probe --statement-backends 2) traced");
    }

    @Test
    void aBackendWhoseTracerNeverAttachedIsSeenButNotTraced() {
        BackendSample sample = new BackendSample(1);
        sample.choose(Map.of(101L, "shop"), Set.of());

        assertThat(sample.result().perDatabase().get("shop")).isEqualTo(new SampledBackends.Backends(1, java.util.List.of()));
        assertThat(sample.result().untracedDatabases()).containsExactly("shop");
    }

    @Test
    void onlyClientBackendsAreSampled() {
        assertThat(BackendDatabases.clientDatabase(title("postgres: 15/main: app shop 10.0.0.7(51234) idle"))).hasValue("shop");
        assertThat(BackendDatabases.clientDatabase(title("postgres: app shop [local] SELECT"))).hasValue("shop");
        assertThat(BackendDatabases.clientDatabase(title("postgres: logical replication launcher"))).isEmpty();
        assertThat(BackendDatabases.clientDatabase(title("postgres: autovacuum worker shop"))).isEmpty();
        assertThat(BackendDatabases.clientDatabase(title("postgres: parallel worker for PID 4711"))).isEmpty();
        assertThat(BackendDatabases.clientDatabase(title("postgres: walsender replicator 10.0.0.8(40000) streaming 0/3000148")))
                .isEmpty();
        assertThat(BackendDatabases.clientDatabase(title("postgres: checkpointer "))).isEmpty();
        // a process whose own title says it serves no client: its socket traffic is no statement
        assertThat(BackendDatabases.titled(title("postgres: walsender replicator 10.0.0.8(40000) streaming 0/3000148")))
                .isTrue();
        // a backend not yet past its startup packet still shows the postmaster's command line
        assertThat(BackendDatabases.titled(title("/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main")))
                .isFalse();
    }

    @Test
    void theOptionTakesANumberOfBackendsOrAll() {
        assertThat(StatementBackends.parse("all").sampled()).isFalse();
        assertThat(StatementBackends.parse(" 3 ").limit()).isEqualTo(3);
        assertThat(StatementBackends.parse(StatementBackends.DEFAULT).sampled()).isFalse();
        assertThatThrownBy(() -> StatementBackends.parse("0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> StatementBackends.parse("some")).hasMessageContaining("'some'");
    }

    private static byte[] title(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
