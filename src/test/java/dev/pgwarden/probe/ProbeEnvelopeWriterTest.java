package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeEnvelopeWriterTest {

    @TempDir
    Path dir;

    private static ProbeReport report() {
        Map<String, LatencyHistogram> histograms = new LinkedHashMap<>();
        histograms.put("reads", new LatencyHistogram("reads",
                List.of(new HistogramBucket(1, 2L, 10), new HistogramBucket(2, 4L, 5), new HistogramBucket(1024, null, 1)),
                Map.of("4711", 16L)));
        histograms.put("device_reads", LatencyHistogram.of("device_reads", List.of()));
        return new ProbeReport(ProbeReport.FORMAT, "db1", "6.1.0-18-amd64", "bpftrace v0.17.0", 4270,
                Instant.parse("2025-11-25T21:00:00Z"), 30.0, histograms, HOST_FACTS);
    }

    private static final HostFacts HOST_FACTS = new HostFacts("db1", Instant.parse("2025-11-25T21:00:30Z"),
            "/var/lib/postgresql/15/main", 8_000_000_000L, 5_000_000_000L, List.of(
                    new HostFilesystem("/", "ext4", "/dev/sda1", List.of("data directory /var/lib/postgresql/15/main",
                            "pg_wal /var/lib/postgresql/15/main/pg_wal"), 1_000_000L, 20_000_000L),
                    new HostFilesystem("/mnt/fast space", "xfs", "/dev/nvme0n1", List.of("tablespace 16385 /mnt/fast space/ts"),
                            7L, 100L)));

    @Test
    void hostFactsReadBackFromTheEnvelope() throws IOException {
        Path out = dir.resolve("probe.json");

        new ProbeEnvelopeWriter().write(report(), out);

        JsonNode json = EnvelopeJson.MAPPER.readTree(out.toFile());
        assertThat(json.at("/host_facts/filesystems/1/mount_point").asText()).isEqualTo("/mnt/fast space");
        assertThat(json.at("/host_facts/filesystems/0/free_bytes").asLong()).isEqualTo(1_000_000L);
        assertThat(json.at("/host_facts/memory/available_bytes").asLong()).isEqualTo(5_000_000_000L);
        assertThat(new ProbeInputReader(null).hostFacts(out)).contains(HOST_FACTS);
        assertThat(new ProbeInputReader(null).hostOnly(out)).isFalse();
    }

    @Test
    void hostOnlyEnvelopeHasNoBpftraceVersionAndNoHistograms() throws IOException {
        Path out = dir.resolve("host.json");

        new ProbeEnvelopeWriter().write(ProbeReport.hostOnly(HOST_FACTS, 4270), out);

        JsonNode json = EnvelopeJson.MAPPER.readTree(out.toFile());
        assertThat(json.get("bpftrace_version").isNull()).isTrue();
        assertThat(json.get("histograms").size()).isZero();
        ProbeInputReader reader = new ProbeInputReader(null);
        assertThat(reader.hostOnly(out)).isTrue();
        assertThat(reader.hostFacts(out)).contains(HOST_FACTS);
        reader.validate(out);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(out))
                .isInstanceOf(ProbeFormatException.class).hasMessageContaining("host facts only");
    }

    @Test
    void formatOneEnvelopeStillReadsWithoutHostFacts() throws IOException {
        Path out = dir.resolve("old.json");
        Files.writeString(out, "{\"format\":\"pgwarden-probe/1\",\"host\":\"db1\",\"kernel\":\"6.1\",\"bpftrace_version\":"
                + "\"bpftrace v0.17.0\",\"postmaster_pid\":42,\"started_at\":\"2025-11-25T21:00:00Z\",\"duration_s\":1.0,"
                + "\"histograms\":{\"reads\":{\"buckets\":[{\"lower_us\":1,\"upper_us\":2,\"count\":3}],\"keys\":{}}}}");

        assertThat(new ProbeInputReader(null).read(out).histogram().samples()).isEqualTo(3);
        assertThat(new ProbeInputReader(null).hostFacts(out)).isEmpty();
    }

    @Test
    void envelopeIsSnakeCaseWithNullForTheOpenBucket() throws IOException {
        Path out = dir.resolve("probe.json");

        new ProbeEnvelopeWriter().write(report(), out);

        JsonNode json = EnvelopeJson.MAPPER.readTree(out.toFile());
        assertThat(json.get("format").asText()).isEqualTo("pgwarden-probe/3");
        assertThat(json.get("bpftrace_version").asText()).isEqualTo("bpftrace v0.17.0");
        assertThat(json.get("postmaster_pid").asLong()).isEqualTo(4270);
        assertThat(json.get("started_at").asText()).isEqualTo("2025-11-25T21:00:00Z");
        assertThat(json.get("duration_s").asDouble()).isEqualTo(30.0);
        JsonNode open = json.at("/histograms/reads/buckets/2");
        assertThat(open.get("lower_us").asLong()).isEqualTo(1024);
        assertThat(open.get("upper_us").isNull()).isTrue();
        assertThat(json.at("/histograms/reads/keys/4711").asLong()).isEqualTo(16);
    }

    @Test
    void writtenEnvelopeReadsBackAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("probe.json");
        Files.writeString(out, "an older probe file");

        new ProbeEnvelopeWriter().write(report(), out);
        ProbeReading reads = new ProbeInputReader(null).read(out);
        ProbeReading device = new ProbeInputReader("device_reads").read(out);

        assertThat(reads.histogram()).isEqualTo(report().histograms().get("reads"));
        assertThat(reads.source()).contains("db1", "postmaster 4270");
        assertThat(device.histogram().samples()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }
}
