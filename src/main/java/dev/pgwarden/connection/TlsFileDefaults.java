package dev.pgwarden.connection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * libpq's default TLS files, {@code ~/.postgresql/root.crt} and {@code ~/.postgresql/postgresql.crt} with its key,
 * where {@code ~} is the home directory psql uses ({@link UserDirectories#home()}). pgjdbc has the same defaults
 * but under Java's {@code user.home}, the account's home; when {@code HOME} points elsewhere they are handed to it
 * explicitly. The key is pgjdbc's {@code postgresql.pk8} (PKCS#8 DER), the format it reads, rather than libpq's
 * PEM {@code postgresql.key}.
 */
final class TlsFileDefaults {

    private final Path directory;

    private TlsFileDefaults(Path directory) {
        this.directory = directory;
    }

    /** None when psql's home is unknown or is the account's, where pgjdbc looks by itself. */
    static Optional<TlsFileDefaults> under(Optional<Path> home, Path accountHome) {
        return home.filter(h -> !h.equals(accountHome)).map(h -> new TlsFileDefaults(h.resolve(".postgresql")));
    }

    /** The properties with a default for each TLS file they do not name. */
    Map<String, String> fill(Map<String, String> properties) {
        Map<String, String> result = new LinkedHashMap<>(properties);
        // Read only by sslmode verify-ca and verify-full, which fail naming this file when it is missing, as libpq does.
        result.putIfAbsent("sslrootcert", directory.resolve("root.crt").toString());
        if (!result.containsKey("sslcert")) {
            Path certificate = directory.resolve("postgresql.crt");
            // Without the file libpq sends no client certificate; to pgjdbc an empty name says the same.
            result.put("sslcert", Files.isRegularFile(certificate) ? certificate.toString() : "");
        }
        if (!result.get("sslcert").isEmpty()) {
            result.putIfAbsent("sslkey", directory.resolve("postgresql.pk8").toString());
        }
        return result;
    }
}
