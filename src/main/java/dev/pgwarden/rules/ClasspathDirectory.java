package dev.pgwarden.rules;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * A directory of resources on the classpath as a {@link Path}, whether it sits in a build folder or
 * inside the shaded jar, so built-in rules and suites are read the same way as a user's directory.
 */
public final class ClasspathDirectory {

    private ClasspathDirectory() {
    }

    public static Path locate(String name) throws IOException {
        URL url = ClasspathDirectory.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("no '" + name + "' directory on the classpath; the build is incomplete");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            return jarFileSystem(uri).provider().getPath(uri);
        } catch (URISyntaxException e) {
            throw new IOException("cannot read classpath directory " + url, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
