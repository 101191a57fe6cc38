package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks for passwords left where other users or a stolen disk may read them, as pgdsat and the CIS benchmark look
 * (1.6, 1.7, 2.3, 2.4, 5.1): shell profiles and psql's files in every home directory of /etc/passwd and /home, the
 * system-wide profiles and service file, and every process's environment and command line. It records where it
 * found one and never the password. Reading other users' homes and processes needs root.
 */
final class HostSecretScanner {

    /** A connection URI with a password (user:secret@), a conninfo password=, or PGPASSWORD= given as an argument. */
    private static final Pattern COMMAND_LINE_PASSWORD = Pattern.compile(
            "postgres(?:ql)?://[^/:@\\s]+:[^@\\s]+@|\\bpassword\\s*=\\s*\\S|\\bPGPASSWORD=\\S");
    private static final Pattern SERVICE_PASSWORD = Pattern.compile("^\\s*password\\s*=", Pattern.CASE_INSENSITIVE);
    private static final List<String> SYSTEM_PROFILES = List.of("etc/environment", "etc/profile", "etc/bash.bashrc");
    private static final List<String> SYSTEM_SERVICE_FILES = List.of("etc/postgresql-common/pg_service.conf",
            "etc/pg_service.conf", "etc/sysconfig/pgsql/pg_service.conf");

    private final Path root;
    private final Path proc;

    HostSecretScanner(Path root, Path proc) {
        this.root = root;
        this.proc = proc;
    }

    List<HostSecret> scan() {
        List<HostSecret> found = new ArrayList<>();
        for (Path home : homes()) {
            for (Path profile : dotFiles(home)) {
                linesMatching(profile, "1.6", HostSecretScanner::setsPgpassword, found);
            }
            Path history = home.resolve(".psql_history");
            if (Files.isRegularFile(history, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                found.add(new HostSecret("2.3", history.toString(), "psql's history, every statement typed with its literals"));
            }
            linesMatching(home.resolve(".pg_service.conf"), "2.4", l -> SERVICE_PASSWORD.matcher(l).find(), found);
        }
        SYSTEM_PROFILES.forEach(p -> linesMatching(root.resolve(p), "1.6", HostSecretScanner::setsPgpassword, found));
        listed(root.resolve("etc/profile.d")).forEach(p -> linesMatching(p, "1.6", HostSecretScanner::setsPgpassword, found));
        SYSTEM_SERVICE_FILES.forEach(p -> linesMatching(root.resolve(p), "2.4", l -> SERVICE_PASSWORD.matcher(l).find(), found));
        processes(found);
        return found;
    }

    private static boolean setsPgpassword(String line) {
        String code = line.strip();
        return !code.startsWith("#") && code.contains("PGPASSWORD");
    }

    /** Home directories of /etc/passwd's users, /root and every directory under /home, each once. */
    private Set<Path> homes() {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(root.resolve("root"));
        for (String entry : lines(root.resolve("etc/passwd"))) {
            String[] fields = entry.split(":");
            if (fields.length > 5 && fields[5].startsWith("/") && !fields[5].equals("/")) {
                homes.add(root.resolve(fields[5].substring(1)));
            }
        }
        listed(root.resolve("home")).stream().filter(Files::isDirectory).forEach(homes::add);
        homes.removeIf(h -> !Files.isDirectory(h));
        return homes;
    }

    /** A home's shell start-up files: dot files whose names end in rc or profile (.bashrc, .profile, .zshrc). */
    private static List<Path> dotFiles(Path home) {
        return listed(home).stream().filter(p -> {
            String name = p.getFileName().toString();
            return name.startsWith(".") && (name.endsWith("rc") || name.endsWith("profile")) && Files.isRegularFile(p);
        }).toList();
    }

    private static void linesMatching(Path file, String control, java.util.function.Predicate<String> matches, List<HostSecret> found) {
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (matches.test(lines.get(i))) {
                found.add(new HostSecret(control, file.toString(), "line " + (i + 1)));
            }
        }
    }

    private void processes(List<HostSecret> found) {
        for (Path process : listed(proc)) {
            String pid = process.getFileName().toString();
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            List<String> environment = nulSeparated(process.resolve("environ"));
            if (environment.stream().anyMatch(v -> v.startsWith("PGPASSWORD=") && v.length() > "PGPASSWORD=".length())) {
                found.add(new HostSecret("1.7", process.resolve("environ").toString(), describe(process)));
            }
            String commandLine = String.join(" ", nulSeparated(process.resolve("cmdline")));
            if (COMMAND_LINE_PASSWORD.matcher(commandLine).find()) {
                found.add(new HostSecret("5.1", process.resolve("cmdline").toString(), describe(process)));
            }
        }
    }

    private static String describe(Path process) {
        String name = lines(process.resolve("comm")).stream().findFirst().orElse("?");
        String user;
        try {
            user = Files.getOwner(process).getName();
        } catch (IOException e) {
            user = "?";
        }
        return name + ", pid " + process.getFileName() + ", user " + user;
    }

    private static List<String> nulSeparated(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static List<Path> listed(Path directory) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            return List.of();
        }
        return entries;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return List.of();
        }
    }
}
