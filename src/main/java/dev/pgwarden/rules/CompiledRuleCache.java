package dev.pgwarden.rules;

import dev.pgwarden.connection.UserDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * Compiled rule packages on disk, keyed by a hash of the DRL text and of the pgwarden jar that compiled
 * them, so a fresh JVM loads them instead of compiling the DRL again (compiling is most of what rules
 * cost a run). A cache entry that cannot be read is compiled afresh; a cache that cannot be written is
 * simply not used.
 */
final class CompiledRuleCache {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompiledRuleCache.class);
    private final Path directory;
    private final String codeIdentity;

    CompiledRuleCache(Path directory, String codeIdentity) {
        this.directory = directory;
        this.codeIdentity = codeIdentity;
    }

    /**
     * The user's cache ({@code $XDG_CACHE_HOME/pgwarden/rules}, else {@code ~/.cache/pgwarden/rules}, {@code ~} as in
     * {@link UserDirectories#home()}) when
     * pgwarden runs from a jar; none when it runs from class directories, whose classes change under it.
     */
    static Optional<CompiledRuleCache> standard() {
        Optional<Path> jar = codeJar();
        if (jar.isEmpty() || Boolean.getBoolean("pgwarden.no_rule_cache")) {
            return Optional.empty();
        }
        Optional<Path> base = UserDirectories.current().cache();
        if (base.isEmpty()) {
            return Optional.empty();
        }
        try {
            String identity = jar.get().toAbsolutePath() + "|" + Files.size(jar.get()) + "|" + Files.getLastModifiedTime(jar.get());
            return Optional.of(new CompiledRuleCache(base.get().resolve("pgwarden").resolve("rules"), identity));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> codeJar() {
        try {
            var source = RuleCompiler.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            return location != null && Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    boolean has(CheckDefinition definition) {
        return Files.isRegularFile(file(definition));
    }

    Optional<KieBase> load(CheckDefinition definition) {
        Path file = file(definition);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(RulePackages.read(in));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.debug("compiling {} again: its cached rules could not be read ({})", definition.drlSource(), e.toString());
            return Optional.empty();
        }
    }

    void store(CheckDefinition definition, Collection<KiePackage> packages) {
        Path file = file(definition);
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(partial)) {
                RulePackages.write(packages, out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.debug("not caching the rules of {} in {}: {}", definition.drlSource(), directory, e.toString());
        }
    }

    Path file(CheckDefinition definition) {
        return directory.resolve(definition.id() + "-" + hash(codeIdentity + "\n" + definition.drlSource() + "\n" + definition.drl()) + ".bin");
    }

    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
