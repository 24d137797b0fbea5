package io.outflow.ingest.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 and IPv6 literals, checked and normalised without ever asking DNS. */
public final class IpAddresses {
    private IpAddresses() {
    }

    /**
     * The canonical text of an IP literal (dotted quad; IPv6 in lower-case compressed form, brackets removed), or
     * null when the text is not an IP address.
     */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return isDottedQuad(s) ? s : null;
        }
        return ipv6(s);
    }

    public static boolean isIp(String text) {
        return normalize(text) != null;
    }

    private static boolean isDottedQuad(String s) {
        int parts = 0;
        int i = 0;
        int n = s.length();
        while (i <= n) {
            int start = i;
            int value = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        return parts == 4;
    }

    private static String ipv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':'
                    || c == '.';
            if (!ok) {
                return null; // also refuses zone ids ("%eth0"), which only name a local interface
            }
        }
        try {
            // a string with ':' is parsed as an IPv6 literal; InetAddress never resolves it through DNS
            InetAddress address = InetAddress.getByName(s);
            byte[] bytes = address.getAddress();
            if (bytes.length == 4) {
                return address.getHostAddress(); // ::ffff:a.b.c.d maps to the IPv4 address
            }
            return compress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** RFC 5952 text: lower case, longest run of zero groups (of two or more) replaced by "::". */
    private static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLen - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
