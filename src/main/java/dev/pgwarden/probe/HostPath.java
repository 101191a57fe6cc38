package dev.pgwarden.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A file or directory of the cluster as the host shows it: its permission bits and owner, as the CIS
 * controls on permissions (2.5, 2.6, 2.7) read them.
 *
 * @param label  what it is to the cluster: {@code data directory}, {@code pg_hba.conf}, {@code socket directory},
 *               {@code socket}
 * @param path   where it is, symlinks not followed
 * @param mode   the permission bits (07777 at most), such as 0700
 * @param owner  the owning user's name
 * @param group  the owning group's name
 */
public record HostPath(String label, String path, int mode, String owner, String group) {

    public HostPath {
        Objects.requireNonNull(label, "label must not be null");
        Objects.requireNonNull(path, "path must not be null");
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("mode of " + path + " must be permission bits (0 to 07777), was " + mode);
        }
        owner = owner == null ? "" : owner;
        group = group == null ? "" : group;
    }

    /** The mode as ls and chmod write it: {@code 0700}; templates read it as {@code {mode_text}}. */
    @JsonProperty("mode_text")
    public String modeText() {
        return String.format("%04o", mode);
    }

    /** Whether users other than the owner and its group may write (or, for a socket, connect). */
    public boolean otherWritable() {
        return (mode & 02) != 0;
    }

    /** Whether an owner is this user; an empty user name (the postmaster was not running) is anyone. */
    public static boolean sameUser(String owner, String user) {
        return user == null || user.isEmpty() || owner.equals(user);
    }

    /** Whether the mode is exactly 0700: everything for the owner, nothing for anyone else. */
    public boolean ownerOnly() {
        return mode == 0700;
    }

    /** Whether the mode gives more than 0640 does: group write or execute, or anything to others. */
    public boolean openerThan0640() {
        return (mode & 0137) != 0;
    }
}
