package dev.pgwarden.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mounts of /proc/self/mountinfo, to name the filesystem a path lives on by its mount point. Java's
 * FileStore gives sizes but names its mount point only in its toString().
 */
final class MountTable {

    /** One line: the mount point (field 5), and after the " - " separator the type and the source. */
    record Mount(String mountPoint, String type, String device) {
    }

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    static MountTable read(Path mountinfo) {
        try {
            return parse(Files.readAllLines(mountinfo));
        } catch (IOException e) {
            throw new ProbeEnvironmentException("cannot read " + mountinfo + ": " + e.getMessage());
        }
    }

    static MountTable parse(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (fields.length < 5 || separator < 0 || separator + 2 >= fields.length) {
                continue;
            }
            mounts.add(new Mount(unescape(fields[4]), fields[separator + 1], unescape(fields[separator + 2])));
        }
        return new MountTable(mounts);
    }

    /** The mount a real (symlink-free) path lives on: the longest mount point that contains it; the last mounted wins. */
    Optional<Mount> of(Path realPath) {
        Mount best = null;
        for (Mount mount : mounts) {
            Path point = Path.of(mount.mountPoint());
            if (realPath.startsWith(point)
                    && (best == null || point.getNameCount() >= Path.of(best.mountPoint()).getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes (\040). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
