package dev.pgwarden.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Who runs the cluster and who may reach its files, as root sees it on the database host: the CIS
 * controls on the host (1.4.1, 1.4.2, 2.1, 2.2, 2.5, 2.6, 2.7, 6.7) read it. Absent from envelopes written before
 * it was collected.
 *
 * @param postmasterUser the postmaster's user (the owner of /proc/PID); empty when the cluster was not running
 * @param umask          the postmaster's file mode creation mask (Umask of /proc/PID/status), such as 0077;
 *                       -1 when unknown
 * @param pgVersion      the data directory's PG_VERSION: the major it was made for
 * @param databasesInitialized whether base/ holds at least one database directory with its PG_VERSION
 * @param fipsEnabled    /proc/sys/crypto/fips_enabled is 1: the kernel runs in FIPS 140 mode
 * @param paths          the data directory, pg_hba.conf, the socket directory, the socket and the installation's
 *                       extension directory, as found
 * @param system         the operating system around the cluster; null in envelopes written before it was collected
 */
public record HostAccess(String postmasterUser, int umask, String pgVersion, boolean databasesInitialized,
                         boolean fipsEnabled, List<HostPath> paths, HostSystem system) {

    public HostAccess {
        postmasterUser = postmasterUser == null ? "" : postmasterUser;
        pgVersion = pgVersion == null ? "" : pgVersion.strip();
        paths = paths == null ? List.of() : List.copyOf(paths);
    }

    /** Access facts without {@link HostSystem}, as envelopes written before it was collected carry them. */
    public HostAccess(String postmasterUser, int umask, String pgVersion, boolean databasesInitialized, boolean fipsEnabled,
                      List<HostPath> paths) {
        this(postmasterUser, umask, pgVersion, databasesInitialized, fipsEnabled, paths, null);
    }

    /** Whether the umask is known and lets files be created with any permission for group or others (not 0077). */
    public boolean umaskOpen() {
        return umask >= 0 && (umask & 077) != 077;
    }

    /** Whether a PG_VERSION names the major of a server whose server_version_num is given (150004: 15). */
    public static boolean madeFor(String pgVersion, String serverVersionNum) {
        return pgVersion.equals(String.valueOf(Integer.parseInt(serverVersionNum.strip()) / 10000));
    }

    /** The umask as the shell prints it: {@code 0077}; {@code unknown} when it could not be read. */
    @JsonProperty("umask_text")
    public String umaskText() {
        return umask < 0 ? "unknown" : String.format("%04o", umask);
    }
}
