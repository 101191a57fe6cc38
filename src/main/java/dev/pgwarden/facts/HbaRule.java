package dev.pgwarden.facts;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One line of pg_hba.conf as the server parsed it from the file (fact kind {@code hba_rules}, from
 * pg_hba_file_rules, which only superusers and roles granted it may read).
 *
 * @param lineNumber the line in the file
 * @param type       local, host, hostssl, hostnossl, hostgssenc or hostnogssenc
 * @param databases  the database names or keywords, comma-separated (all, sameuser, replication, ...)
 * @param users      the role names or keywords, comma-separated (all, +group)
 * @param address    the address, a host name or a keyword (all, samehost, samenet); null for local lines
 * @param netmask    the address mask, as an address (255.255.255.0); null when the line has none
 * @param authMethod trust, reject, scram-sha-256, md5, password, peer, ident, cert, ...
 * @param error      why the server could not read the line; null when it could
 */
public record HbaRule(int lineNumber, String type, String databases, String users, String address, String netmask,
                      String authMethod, String error) implements CatalogObject {

    @Override
    public String objectName() {
        return "pg_hba.conf line " + lineNumber;
    }

    /** Whether the line is for TCP/IP connections (every type but local). */
    public boolean tcp() {
        return !"local".equals(type);
    }

    /** Whether the line names this database or user keyword or name among its comma-separated entries. */
    public static boolean lists(String entries, String name) {
        return entries != null && java.util.Arrays.asList(entries.split(",")).contains(name);
    }

    /**
     * How many addresses the line admits: 2^(address bits - mask bits) for an address with a mask, infinity
     * for the keyword {@code all}, 0 when the line names no address range (local, host names, samehost).
     */
    public double addressCount() {
        return addressCount(address, netmask);
    }

    /** {@link #addressCount()} of a line's address and mask, as a rule's condition reads it. */
    public static double addressCount(String address, String netmask) {
        if ("all".equals(address)) {
            return Double.POSITIVE_INFINITY;
        }
        if (netmask == null || address == null) {
            return 0;
        }
        try {
            byte[] mask = InetAddress.getByName(netmask).getAddress();
            int bits = 0;
            for (byte b : mask) {
                bits += Integer.bitCount(b & 0xff);
            }
            return Math.pow(2, mask.length * 8 - bits);
        } catch (UnknownHostException e) {
            return 0;
        }
    }
}
