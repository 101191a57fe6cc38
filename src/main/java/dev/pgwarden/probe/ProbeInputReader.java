package dev.pgwarden.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a probe input for {@code check --probe FILE|-}: the envelope {@code pgwarden probe} writes,
 * {@code bpftrace -f json} output, or bpftrace's text output, told apart by their content.
 *
 * <p>Every problem, including I/O errors and binary data, is a {@link ProbeFormatException} whose
 * message names the input, so callers need to handle one exception type.
 */
public final class ProbeInputReader {

    private static final String EXPECTED = "expected a pgwarden probe envelope, bpftrace -f json output"
            + " or bpftrace text output";

    private final String mapName;

    /** @param mapName histogram to pick ({@code --probe-map}), or {@code null} for the default */
    public ProbeInputReader(String mapName) {
        this.mapName = mapName;
    }

    /**
     * Reads the file as {@code check --probe} does before a run: an input with a histogram to judge, or an
     * envelope without histograms that carries only host facts ({@code probe --host-only}) or only a wait-event
     * profile ({@code probe --url} alone).
     */
    public void validate(Path file) {
        if (envelope(file).filter(report -> report.histograms().isEmpty()).isEmpty()) {
            read(file);
        }
    }

    /** The wait-event profile of an envelope; empty for an envelope without one and for bpftrace output. */
    public Optional<WaitEventProfile> waitEvents(Path file) {
        return envelope(file).map(ProbeReport::waitEvents);
    }

    /** Whether the file is an envelope of {@code probe --url} alone: a wait-event profile and no histograms. */
    public boolean sampledOnly(Path file) {
        return envelope(file).filter(ProbeReport::waitEventsOnly).isPresent();
    }

    /** The host facts of an envelope; empty for an envelope without them (format 1) and for bpftrace output. */
    public Optional<HostFacts> hostFacts(Path file) {
        return envelope(file).map(ProbeReport::hostFacts);
    }

    /** Whether the file is an envelope of {@code probe --host-only}: host facts and no histograms. */
    public boolean hostOnly(Path file) {
        return envelope(file).filter(ProbeReport::hostOnly).isPresent();
    }

    /** The whole envelope, with its signals and USDT sections; empty for bpftrace output and unreadable files. */
    public Optional<ProbeReport> envelope(Path file) {
        String source = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            String text = decode(in.readAllBytes(), source).strip();
            if (!text.startsWith("{")) {
                return Optional.empty();
            }
            List<Map.Entry<Integer, JsonNode>> values = JsonValues.sequence(text, source, EXPECTED);
            if (values.size() != 1 || !EnvelopeJson.looksLikeEnvelope(values.get(0).getValue())) {
                return Optional.empty();
            }
            return Optional.of(new EnvelopeParser(source).parse(values.get(0).getValue()));
        } catch (IOException | ProbeFormatException e) {
            return Optional.empty();
        }
    }

    public ProbeReading read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ProbeFormatException(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    public ProbeReading read(InputStream in, String displayName) {
        try {
            return readText(decode(in.readAllBytes(), displayName), displayName);
        } catch (IOException e) {
            throw new ProbeFormatException(displayName, "cannot read: " + e.getMessage());
        } catch (ProbeFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // Numbers beyond long and similar surprises in hostile input still get the one exception type.
            throw new ProbeFormatException(displayName, "unreadable input (" + e + "); " + EXPECTED);
        }
    }

    private ProbeReading readText(String text, String source) throws IOException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ProbeFormatException(source, "empty input; " + EXPECTED);
        }
        if (trimmed.charAt(0) != '{') {
            return fromBpftrace(new BpftraceTextParser(source).parse(text), source, source + " (bpftrace text)");
        }
        List<Map.Entry<Integer, JsonNode>> values = JsonValues.sequence(text, source, EXPECTED);
        if (values.size() == 1 && EnvelopeJson.looksLikeEnvelope(values.get(0).getValue())) {
            ProbeReport report = new EnvelopeParser(source).parse(values.get(0).getValue());
            List<String> names = List.copyOf(report.histograms().keySet());
            if (report.hostOnly()) {
                throw new ProbeFormatException(source, "the envelope holds host facts only (written by 'pgwarden probe"
                        + " --host-only'), no read latencies");
            }
            if (names.isEmpty() && report.waitEvents() != null) {
                throw new ProbeFormatException(source, "the envelope holds a wait-event profile only (written by 'pgwarden"
                        + " probe --url' without --data-dir or --postmaster-pid), no read latencies");
            }
            if (names.isEmpty()) {
                throw new ProbeFormatException(source, "the envelope holds no histograms");
            }
            String chosen = new HistogramSelector(source).select(names, mapName);
            return new ProbeReading(describe(source, report), report.histograms().get(chosen));
        }
        return fromBpftrace(new BpftraceJsonParser(source).parse(values), source, source + " (bpftrace json)");
    }

    private ProbeReading fromBpftrace(List<RawHistogram> raws, String source, String description) {
        String chosen = new HistogramSelector(source).select(KeyedHistogramMerger.names(raws), mapName);
        return new ProbeReading(description, new KeyedHistogramMerger(source).merge(raws, chosen));
    }

    private static String decode(byte[] bytes, String source) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw new CharacterCodingException();
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ProbeFormatException(source, "binary data, not text; " + EXPECTED);
        }
    }

    private static String describe(String source, ProbeReport report) {
        return source + ": pgwarden probe on " + report.host() + ", postmaster " + report.postmasterPid() + ", "
                + report.durationS() + " s from " + report.startedAt();
    }
}
