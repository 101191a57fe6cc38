package dev.pgwarden.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Downloads one file of a Maven repository, shows how far it got, and keeps it only when its SHA-1 is the
 * one the repository publishes beside it; the file appears whole or not at all.
 */
final class ArtifactDownload {

    private static final int STEPS = 10;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final PrintWriter progress;

    ArtifactDownload(PrintWriter progress) {
        this.progress = progress;
    }

    void download(URI uri, Path destination) throws IOException {
        String expected = text(URI.create(uri + ".sha1")).strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        Files.createDirectories(destination.getParent());
        Path partial = Files.createTempFile(destination.getParent(), destination.getFileName().toString(), ".part");
        try {
            HttpResponse<InputStream> response = send(uri, HttpResponse.BodyHandlers.ofInputStream());
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            progress.printf("pgwarden: downloading %s (%s)%n", uri, length < 0 ? "size unknown" : megabytes(length));
            progress.flush();
            MessageDigest sha1 = sha1();
            try (InputStream in = response.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha1)) {
                copy(in, out, length);
            }
            String actual = HexFormat.of().formatHex(sha1.digest());
            if (!actual.equals(expected)) {
                throw new IOException(uri + ": SHA-1 " + actual + " is not the published " + expected + "; nothing was kept");
            }
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = 0;
        int shown = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            done += n;
            int step = length > 0 ? (int) (done * STEPS / length) : 0;
            if (step > shown) {
                shown = step;
                progress.printf("pgwarden:   %3d%% (%s)%n", step * 100 / STEPS, megabytes(done));
                progress.flush();
            }
        }
    }

    private String text(URI uri) throws IOException {
        return send(uri, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body();
    }

    private <T> HttpResponse<T> send(URI uri, HttpResponse.BodyHandler<T> body) throws IOException {
        HttpResponse<T> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream stream) {
                stream.close();
            }
            throw new IOException(uri + ": HTTP " + response.statusCode());
        }
        return response;
    }

    private static MessageDigest sha1() {
        try {
            // Maven repositories publish SHA-1 beside every file; it detects a broken transfer, TLS the rest.
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-1", e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
