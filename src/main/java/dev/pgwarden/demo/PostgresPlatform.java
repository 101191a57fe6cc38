package dev.pgwarden.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which of the published PostgreSQL binaries this machine runs: the suffix of their Maven artifact, such as
 * {@code linux-amd64}, {@code linux-amd64-alpine} (musl) or {@code darwin-arm64v8}.
 */
record PostgresPlatform(String suffix) {

    PostgresPlatform {
        if (suffix == null || !suffix.matches("[a-z0-9]+-[a-z0-9]+(-alpine)?")) {
            throw new IllegalArgumentException("not a platform suffix: " + suffix);
        }
    }

    static PostgresPlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"), Files.exists(Path.of("/etc/alpine-release")));
    }

    static PostgresPlatform of(String osName, String osArch, boolean alpine) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : null;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            case "arm", "armv7l" -> "arm32v7";
            case "x86", "i386", "i686" -> "i386";
            case "ppc64le" -> "ppc64le";
            default -> null;
        };
        if (system == null || arch == null) {
            throw new IllegalStateException("no PostgreSQL binaries are published for " + osName + " on " + osArch
                    + "; run the demo on Linux, macOS or Windows");
        }
        return new PostgresPlatform(system + "-" + arch + (alpine && system.equals("linux") ? "-alpine" : ""));
    }
}
