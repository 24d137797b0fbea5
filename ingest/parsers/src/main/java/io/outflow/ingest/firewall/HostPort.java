package io.outflow.ingest.firewall;

import io.outflow.schemas.net.IpAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address as legacy firewall messages write it: {@code host}, {@code host:port}, {@code host:} (an empty port),
 * {@code [v6]:port} or an unbracketed IPv6 address with or without a port. The port is matched by anchored patterns,
 * never by splitting at a colon, so that IPv6 addresses survive.
 *
 * @param host the host text as written (an IP literal or a name), never null
 * @param port the port digits, or null when none were written (an empty port after ':' also gives null)
 */
record HostPort(String host, String port) {
    private static final Pattern BRACKETED = Pattern.compile("\\[(?<host>[0-9A-Fa-f:.]+)](?::(?<port>\\d*))?");
    private static final Pattern NAME_OR_IPV4 = Pattern.compile("(?<host>[^:\\[\\]]+)(?::(?<port>\\d*))?");
    private static final Pattern IPV6_WITH_PORT = Pattern.compile("(?<host>[0-9A-Fa-f:.]+):(?<port>\\d*)");

    /**
     * Reads one address token, or returns null when it has no such form.
     *
     * @param portExpected whether the message writes ports here (false for "ICMP Type=8" lines): decides an
     *     unbracketed IPv6 token such as {@code 2001:db8::1:443}, which is both an address and an address with a port
     */
    static HostPort parse(String token, boolean portExpected) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        Matcher m = BRACKETED.matcher(token);
        if (m.matches()) {
            return new HostPort(m.group("host"), emptyToNull(m.group("port")));
        }
        m = NAME_OR_IPV4.matcher(token);
        if (m.matches()) {
            return new HostPort(m.group("host"), emptyToNull(m.group("port")));
        }
        // two or more colons and no brackets: only an IPv6 address can look like this
        m = IPV6_WITH_PORT.matcher(token);
        boolean splits = m.matches() && IpAddress.parse(m.group("host")) != null;
        boolean whole = IpAddress.parse(token) != null;
        if (splits && (portExpected || !whole)) {
            return new HostPort(m.group("host"), emptyToNull(m.group("port")));
        }
        return whole ? new HostPort(token, null) : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
