package dev.pgwarden.connection;

/**
 * The {@code host[:port]} part of a URL, with IPv6 literals in brackets ({@code [::1]:5432}).
 * Either part may be absent ({@code null}).
 */
record HostPort(String host, Integer port) {

    static final int DEFAULT_PORT = 5432;

    /** Parses a URL authority without user info; {@code where} names the source for messages. */
    static HostPort parse(String spec, String where) throws TargetConfigException {
        if (spec.contains(",")) {
            throw new TargetConfigException("several hosts are not supported; give one host in " + where);
        }
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            String after = close < 0 ? "" : spec.substring(close + 1);
            if (close < 0 || !(after.isEmpty() || after.startsWith(":"))) {
                throw new TargetConfigException("malformed IPv6 host, expected [address]:port, in " + where);
            }
            return new HostPort(spec.substring(1, close), after.isEmpty() ? null : parsePort(after.substring(1), where));
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new HostPort(spec, null);
        }
        if (spec.indexOf(':', colon + 1) >= 0) {
            throw new TargetConfigException("IPv6 hosts must be written in brackets, e.g. [::1]:5432, in " + where);
        }
        String port = spec.substring(colon + 1);
        return new HostPort(spec.substring(0, colon), port.isEmpty() ? null : parsePort(port, where));
    }

    /** A TCP port number, 1 to 65535. */
    static int parsePort(String text, String where) throws TargetConfigException {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new TargetConfigException("port must be a number from 1 to 65535, got '" + text + "' in " + where);
    }

    /** Refuses what pgwarden cannot connect to: host lists and stray URL syntax; a Unix socket directory is a host. */
    static void requireSingleHost(String host) throws TargetConfigException {
        if (host.contains(",")) {
            throw new TargetConfigException("several hosts are not supported, got '" + host + "'; give one host");
        }
        if (!UnixSocket.isDirectory(host) && host.chars().anyMatch(c -> "/?#@".indexOf(c) >= 0 || Character.isWhitespace(c))) {
            throw new TargetConfigException("host '" + host + "' is not a valid host name, address or socket directory");
        }
    }
}
