package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The statements timed on the backends' sockets, parsed from real bpftrace 0.17 output of read-latency.bt on Debian's
 * PostgreSQL 15 (captured/capture-socket.sh): pgbench's mixture in the simple, extended and prepared protocols, and one
 * slow request longer than the server's receive buffer.
 */
class CapturedSocketOutputTest {

    private static final String SOURCE = "socket-json.out";
    /** The backend of the long request, as captured. */
    private static final long LONG_REQUEST_PID = 21167;

    @Test
    void everyProtocolIsTimedAndTheMixtureLandsInTheMillisecondAndFiftyMillisecondBuckets() throws IOException {
        StatementTrace statements = trace(pid -> "postgres");

        LatencyHistogram cluster = statements.cluster();
        Percentile p99 = new PercentileEstimator().estimate(cluster, 0.99).orElseThrow();
        assertThat(cluster.samples()).isGreaterThan(3000);
        // pg_sleep(0.001) takes 1-2.2 ms on this machine: the p50 lies at the edge of the 1-2 ms bucket
        assertThat(new PercentileEstimator().estimate(cluster, 0.50).orElseThrow().bucketLowerUs()).isBetween(1024L, 2048L);
        assertThat(p99.bucketLowerUs()).isEqualTo(32768);
        assertThat(statements.totalUs()).isGreaterThan(cluster.samples() * 1000);
    }

    @Test
    void slowRequestsAreListedWithTheirTextOrWhyItIsNotKnown() throws IOException {
        StatementTrace statements = trace(pid -> "postgres");

        // simple Queries and unnamed Parses carry the text: their backends' entries meet under one text
        assertThat(statements.slowest()).anySatisfy(s -> {
            assertThat(s.text()).isEqualTo("SELECT pg_sleep(0.05);");
            assertThat(s.maxUs()).isBetween(50_000L, 100_000L);
            assertThat(s.count()).isGreaterThan(20);
        });
        assertThat(statements.slowest()).extracting(SlowStatement::text).doesNotHaveDuplicates()
                .contains(SlowStatement.NAMED_PREPARED, SlowStatement.READ_IN_PARTS);
        assertThat(statements.slowest()).filteredOn(s -> s.text().equals(SlowStatement.READ_IN_PARTS))
                .singleElement().satisfies(s -> assertThat(s.maxUs()).isBetween(20_000L, 40_000L));
    }

    @Test
    void aProcessThatServesNoClientIsLeftOutOfTheHistogramsAndTheTotal() throws IOException {
        StatementTrace all = trace(pid -> "postgres");
        StatementTrace clients = trace(pid -> pid == LONG_REQUEST_PID ? null : "postgres");

        assertThat(clients.cluster().samples()).isEqualTo(all.cluster().samples() - 1);
        assertThat(clients.perDatabase().get("postgres").samples()).isEqualTo(clients.cluster().samples());
        assertThat(clients.totalUs()).isLessThan(all.totalUs());
        assertThat(clients.slowest()).extracting(SlowStatement::text).doesNotContain(SlowStatement.READ_IN_PARTS);
    }

    private static StatementTrace trace(LongFunction<String> databaseOfPid) throws IOException {
        try (InputStream in = CapturedSocketOutputTest.class.getResourceAsStream("/probe/captured/" + SOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new UsdtOutputParser(SOURCE, databaseOfPid, new LockNames(15), 1000)
                    .parse(JsonValues.sequence(text, SOURCE, "bpftrace -f json output")).statements();
        }
    }
}
