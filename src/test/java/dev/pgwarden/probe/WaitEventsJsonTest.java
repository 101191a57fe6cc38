package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The envelope's wait_events: read from a captured file, written and read back, and bad input named by its field. */
class WaitEventsJsonTest {

    /** Written by the current sampler, with signals and the lock waiters' statements. */
    private static final Path CAPTURED = Path.of("src/test/resources/probe/captured/wait-events-pgbench-tpcb.json");
    /** Written by a sampler of format pgwarden-probe/2: no signals, no blocked_by. */
    private static final Path FORMAT_2 = Path.of("src/test/resources/probe/captured/wait-events-pgbench-tpcb-format2.json");

    @TempDir
    Path dir;

    @Test
    void aCapturedSamplerOnlyEnvelopeNamesTheLockWaitersAndWhatBlocksThem() {
        ProbeInputReader reader = new ProbeInputReader(null);

        ProbeReport report = reader.envelope(CAPTURED).orElseThrow();
        WaitEventProfile profile = report.waitEvents();

        reader.validate(CAPTURED);
        assertThat(report.format()).isEqualTo(ProbeReport.FORMAT);
        assertThat(report.signals().status(ProbeSignals.READS).reason()).startsWith(ProbeReport.NO_CLUSTER);
        assertThat(profile.ticks()).isEqualTo(100);
        assertThat(profile.activeSamples()).isEqualTo(258);
        assertThat(profile.types()).containsEntry("Lock", 185L).containsEntry("IO", 40L);
        WaitEventCount top = profile.events().get(0);
        assertThat(top.label()).isEqualTo("Lock:transactionid");
        assertThat(top.blockedBy()).hasSize(5);
        BlockedStatement first = top.blockedBy().get(0);
        assertThat(first.samples()).isEqualTo(56);
        assertThat(first.waitingQuery()).startsWith("UPDATE pgbench_branches SET bbalance = bbalance + ");
        assertThat(first.blockingQuery()).isEqualTo("END; … (utility statement, text withheld)");
        assertThat(first.blockingState()).isEqualTo("active");
        assertThat(profile.events()).filteredOn(e -> !e.type().equals("Lock")).allSatisfy(e -> assertThat(e.blockedBy()).isEmpty());
    }

    @Test
    void aCapturedSamplerOnlyEnvelopeOfFormat2ReadsBackWithItsSharesAndQueryIds() {
        ProbeInputReader reader = new ProbeInputReader(null);

        WaitEventProfile profile = reader.waitEvents(FORMAT_2).orElseThrow();
        WaitEventShares shares = WaitEventShares.of(profile, "captured");

        assertThat(reader.sampledOnly(FORMAT_2)).isTrue();
        assertThat(reader.hostOnly(FORMAT_2)).isFalse();
        reader.validate(FORMAT_2);
        assertThat(profile.events()).allSatisfy(e -> assertThat(e.blockedBy()).isEmpty());
        assertThat(profile.ticks()).isEqualTo(100);
        assertThat(profile.activeSamples()).isEqualTo(223);
        assertThat(profile.events().get(0).label()).isEqualTo("Lock:transactionid");
        assertThat(profile.events().get(0).topQueries()).isNotEmpty();
        assertThat(profile.types()).containsEntry("Lock", 153L).containsEntry("IO", 49L);
        assertThat(shares.waitingShare()).isCloseTo((153 + 49 + 5) / 223.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(shares.clientShare()).isCloseTo(1 / 223.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(shares.topWaits()).startsWith("Lock:transactionid 58.7% (query ids ");
        assertThatThrownBy(() -> reader.read(FORMAT_2)).isInstanceOf(ProbeFormatException.class)
                .hasMessageContaining("holds a wait-event profile only");
    }

    @Test
    void aProfileBesideHistogramsAndAnUnmeasuredOneRoundTrip() throws IOException {
        WaitEventProfile measured = new WaitEventProfile("postgresql://m@db1:5432/app", null, Instant.parse("2025-11-25T21:00:00Z"),
                30.0, 100, 300, 5, List.of(new WaitEventCount("IO", "DataFileRead", 2, List.of(new QuerySamples(-42, 2))),
                        new WaitEventCount("Lock", "tuple", 2, List.of(), List.of(
                                new BlockedStatement(7, "UPDATE t SET n = 1", 8, "ALTER ROLE … (utility statement, text withheld)",
                                        "idle in transaction", 1),
                                new BlockedStatement(0, "UPDATE t SET n = 2", 0, null, "prepared transaction", 1))),
                        new WaitEventCount("CPU", "CPU", 1, List.of())), null);
        WaitEventProfile denied = WaitEventProfile.unmeasured("postgresql://app@db1:5432/app", "role app may not read",
                Instant.parse("2025-11-25T21:00:00Z"), 100);
        ProbeReport traced = new ProbeReport(ProbeReport.FORMAT, "db1", "6.1", "bpftrace v0.17.0", 4270,
                Instant.parse("2025-11-25T21:00:00Z"), 30.0, Map.of("reads", LatencyHistogram.of("reads",
                List.of(new HistogramBucket(1, 2L, 10)))), null, ProbeSignals.none(), PostgresTrace.none(), measured);

        assertThat(roundTrip(traced, "traced.json").waitEvents()).isEqualTo(measured);
        ProbeReport deniedReport = roundTrip(ProbeReport.sampledOnly(denied, "client1"), "denied.json");
        assertThat(deniedReport.waitEvents()).isEqualTo(denied);
        assertThat(deniedReport.signals().status(ProbeSignals.WAIT_EVENTS).reason()).isEqualTo("role app may not read");
        assertThat(deniedReport.signals().status(ProbeSignals.STATEMENTS).measured()).isFalse();
        assertThat(new ProbeInputReader(null).read(dir.resolve("traced.json")).histogram().name()).isEqualTo("reads");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "measured missing|\"measured\" : true|\"measured\" : \"yes\"|envelope.wait_events: expected true or false 'measured'",
            "negative samples|\"samples\" : 131|\"samples\" : -131|envelope.wait_events.events[0]: samples must be positive",
            "events do not add up|\"active_samples\" : 223|\"active_samples\" : 224|add up to 223, not activeSamples 224",
            "bad query id|\"query_id\" : 7660508830961861980|\"query_id\" : \"x\"|top_queries.query_id: expected a whole number"})
    void badProfilesAreFormatErrorsNamingTheField(String name, String from, String to, String message) throws IOException {
        Path file = dir.resolve("bad.json");
        String text = Files.readString(FORMAT_2);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));

        assertThatThrownBy(() -> new EnvelopeParser(file.toString()).parse(EnvelopeJson.MAPPER.readTree(file.toFile())))
                .isInstanceOf(ProbeFormatException.class).hasMessageContaining(message);
        assertThat(new ProbeInputReader(null).waitEvents(file)).isEqualTo(Optional.empty());
    }

    private ProbeReport roundTrip(ProbeReport report, String name) throws IOException {
        Path file = dir.resolve(name);
        new ProbeEnvelopeWriter().write(report, file);
        return new EnvelopeParser(name).parse(EnvelopeJson.MAPPER.readTree(file.toFile()));
    }
}
