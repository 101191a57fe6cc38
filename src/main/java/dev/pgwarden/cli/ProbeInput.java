package dev.pgwarden.cli;

import dev.pgwarden.probe.ProbeFormatException;
import dev.pgwarden.probe.ProbeInputReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --probe FILE|-}, read once before the run so a bad file is exit 2 before the database is
 * touched. Standard input is kept in a temporary file, since the engine reads the probe again.
 */
final class ProbeInput {

    private ProbeInput() {
    }

    /** @return the file to hand to the engine, or null when no probe was given */
    static Path validated(String probe, String mapName) {
        if (probe == null) {
            return null;
        }
        if ("-".equals(probe)) {
            Path copy = copyOfStandardInput();
            ProbeInputReader reader = new ProbeInputReader(mapName);
            if (!reader.hostOnly(copy) && !reader.sampledOnly(copy)) {
                try (var in = Files.newInputStream(copy)) {
                    reader.read(in, "standard input");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return copy;
        }
        Path file = Path.of(probe);
        if (!Files.isRegularFile(file)) {
            throw new ProbeFormatException(probe, "no such file");
        }
        new ProbeInputReader(mapName).validate(file);
        return file;
    }

    private static Path copyOfStandardInput() {
        try {
            Path copy = Files.createTempFile("pgwarden-probe-", ".txt");
            copy.toFile().deleteOnExit();
            Files.write(copy, System.in.readAllBytes());
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the probe from standard input", e);
        }
    }
}
