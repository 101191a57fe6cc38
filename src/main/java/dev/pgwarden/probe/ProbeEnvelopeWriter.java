package dev.pgwarden.probe;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a {@link ProbeReport} as JSON. The file is written next to its destination and moved
 * over it atomically, so a check that reads it (perhaps while the probe is still running, or
 * after the probe was killed) sees the old file or the whole new one, never half of it.
 */
public final class ProbeEnvelopeWriter {

    /** Writes to a file atomically, or to standard output for {@code -}. */
    public void write(ProbeReport report, Path destination) throws IOException {
        if (destination.toString().equals("-")) {
            write(report, System.out);
            return;
        }
        Path target = destination.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                write(report, out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** For {@code --out -}: no atomicity is possible on a stream. */
    public void write(ProbeReport report, OutputStream out) throws IOException {
        // System.out must stay open after the envelope is written to it.
        EnvelopeJson.MAPPER.writerWithDefaultPrettyPrinter()
                .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValue(out, EnvelopeJson.toJson(report));
        out.write('\n');
        out.flush();
    }
}
