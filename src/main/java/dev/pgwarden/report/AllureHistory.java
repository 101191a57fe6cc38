package dev.pgwarden.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Allure's convention for trends across runs: the previous report's {@code history/} copied into the new results,
 * so {@code allure generate} adds this run as the next point of each check's history and of the trend graphs.
 */
final class AllureHistory {

    private AllureHistory() {
    }

    /** @param from a generated Allure report directory, or its {@code history/} directory */
    static void carry(Path from, Path results) throws IOException {
        Path history = Files.isDirectory(from.resolve("history")) ? from.resolve("history") : from;
        if (!Files.isRegularFile(history.resolve("history.json"))) {
            throw new IOException("--allure-history " + from + ": no history/history.json of a generated Allure report there");
        }
        Path into = Files.createDirectories(results.resolve("history"));
        try (Stream<Path> files = Files.list(history)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, into.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
