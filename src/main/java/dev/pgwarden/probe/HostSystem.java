package dev.pgwarden.probe;

import java.util.List;

/**
 * The operating system around the cluster, as root sees it on the database host: how the postmaster is started,
 * whether its OS account may log in, which package its binary came from, passwords left in users' files and
 * processes, and the backup tool. The CIS controls 1.1, 1.1.1, 1.3, 1.5, 1.6, 1.7, 2.3, 2.4, 4.1, 5.1, 7.3 and 8.2
 * read it. Absent from envelopes written before it was collected.
 *
 * @param serviceUnit   the systemd service unit whose cgroup holds the postmaster (postgresql@15-main.service); empty
 *                      when it runs in none
 * @param serviceState  {@code systemctl is-enabled} of that unit (enabled, enabled-runtime, disabled, ...); empty when
 *                      there is no unit or systemd does not run
 * @param login         the postmaster user's password in /etc/shadow: {@code locked} (! or *), {@code empty},
 *                      {@code set}, or {@code unknown} when the user has no entry there
 * @param packages      the package of the postmaster's binary (none when no package manager knows it)
 * @param secrets       passwords found in profiles, history, service files, environments and command lines
 * @param backupStanzas pgBackRest's stanzas ({@code pgbackrest info}), each as "name: status, N backups"; empty when
 *                      pgBackRest is installed without any
 * @param pgbackrest    whether the pgbackrest command is installed
 */
public record HostSystem(String serviceUnit, String serviceState, String login, List<HostPackage> packages,
                         List<HostSecret> secrets, List<BackupStanza> backupStanzas, boolean pgbackrest) {

    public HostSystem {
        serviceUnit = serviceUnit == null ? "" : serviceUnit;
        serviceState = serviceState == null ? "" : serviceState;
        login = login == null ? "unknown" : login;
        packages = packages == null ? List.of() : List.copyOf(packages);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        backupStanzas = backupStanzas == null ? List.of() : List.copyOf(backupStanzas);
    }

    /** Whether systemd starts the postmaster at boot: a unit holds it and is-enabled says so. */
    public boolean serviceEnabled() {
        return !serviceUnit.isEmpty() && (serviceState.startsWith("enabled") || serviceState.equals("generated"));
    }

    /** What the login state means, for cis-host-system's 4.1 finding. */
    public String loginText() {
        return switch (login) {
            case "empty" -> "has an empty password in /etc/shadow: anyone may log in as it";
            case "set" -> "has a password in /etc/shadow, so it may log in interactively";
            case "locked" -> "has a locked password";
            default -> "has no entry in /etc/shadow, so whether it may log in is not known";
        };
    }

    /** Whether pgBackRest holds a stanza whose status is ok and that has at least one backup. */
    public boolean backedUp() {
        return backupStanzas.stream().anyMatch(BackupStanza::usable);
    }

    /**
     * A pgBackRest stanza as {@code pgbackrest info --output=json} shows it.
     *
     * @param name    the stanza
     * @param status  its status message (ok, missing stanza path, no valid backups, ...)
     * @param backups how many backups it holds
     */
    public record BackupStanza(String name, String status, int backups) {

        public BackupStanza {
            name = name == null ? "" : name;
            status = status == null ? "" : status;
        }

        boolean usable() {
            return "ok".equals(status) && backups > 0;
        }

        @Override
        public String toString() {
            return name + " (" + status + ", " + backups + " backups)";
        }
    }
}
