package dev.pgwarden.probe;

import java.util.Objects;

/**
 * A password left where others may find it, as root found it on the database host: the place and, for a file, the
 * line; never the password itself.
 *
 * @param control the CIS control it breaks: {@code 1.6} PGPASSWORD in a shell profile, {@code 1.7} PGPASSWORD in a
 *                running process's environment, {@code 2.3} a psql history file, {@code 2.4} a password in a
 *                connection service file, {@code 5.1} a password on a process's command line
 * @param place   the file, or /proc/PID/environ and /proc/PID/cmdline for a process
 * @param detail  where in it (line 3) or which process (psql, pid 1234, user alice)
 */
public record HostSecret(String control, String place, String detail) {

    public HostSecret {
        Objects.requireNonNull(control, "control must not be null");
        Objects.requireNonNull(place, "place must not be null");
        detail = detail == null ? "" : detail;
    }

    /** The finding's key in cis-host-system's YAML, by control. */
    public String findingKey() {
        return switch (control) {
            case "1.6" -> "profile-password";
            case "1.7" -> "environment-password";
            case "2.3" -> "psql-history";
            case "2.4" -> "service-file-password";
            default -> "command-line-password";
        };
    }

    /** What the place gives away, for the finding's message. */
    public String harm() {
        return switch (control) {
            case "1.6" -> " sets PGPASSWORD, which every process the shell starts inherits";
            case "1.7" -> " holds PGPASSWORD in its environment, readable by root and its user through /proc";
            case "2.3" -> " keeps psql's history, with every statement's literals (ALTER ROLE ... PASSWORD among them)";
            case "2.4" -> " stores a password in a connection service file";
            default -> " shows a password on its command line, which every local user may read (ps -ef)";
        };
    }
}
