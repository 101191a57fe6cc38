package dev.pgwarden.rules;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files directly in a directory of classpath resources, whether it sits in a build folder or inside the
 * shaded jar, so built-in rules and suites are found the same way in both. A jar's entries are listed rather
 * than the jar opened as a file system, which indexes all 13,000 of them first (a twentieth of a check's start).
 */
public final class ClasspathDirectory {

    private static final ClassLoader LOADER = ClasspathDirectory.class.getClassLoader();

    private ClasspathDirectory() {
    }

    /** The names of the files directly in the directory, in order. */
    public static SortedSet<String> list(String directory) throws IOException {
        URL url = LOADER.getResource(directory);
        if (url == null) {
            throw new IOException("no '" + directory + "' directory on the classpath; the build is incomplete");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                return jarEntries(Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI()), directory + "/");
            }
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                TreeSet<String> names = new TreeSet<>();
                files.filter(Files::isRegularFile).forEach(file -> names.add(file.getFileName().toString()));
                return names;
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot list classpath directory " + url, e);
        }
    }

    /** A file's text, or empty when the directory has no such file. */
    public static Optional<String> read(String directory, String file) throws IOException {
        try (InputStream in = LOADER.getResourceAsStream(directory + "/" + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static SortedSet<String> jarEntries(Path jar, String prefix) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        // The class loader has this jar open already: opening it again shares its index.
        try (JarFile entries = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) entries.stream()::iterator) {
                String name = entry.getName();
                if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0 && name.length() > prefix.length()) {
                    names.add(name.substring(prefix.length()));
                }
            }
        }
        return names;
    }
}
