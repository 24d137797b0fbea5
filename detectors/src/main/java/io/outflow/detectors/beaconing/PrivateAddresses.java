package io.outflow.detectors.beaconing;

import java.util.Locale;

/**
 * Whether an address is private, loopback, link-local, carrier-grade NAT or unique-local: traffic that stays inside
 * the VNet (services, databases, the API server) and polls all day by design. Text forms only, no name resolution.
 */
final class PrivateAddresses {
    private PrivateAddresses() {
    }

    static boolean isPrivate(String ip) {
        if (ip.indexOf(':') >= 0) {
            String v6 = ip.toLowerCase(Locale.ROOT);
            return v6.equals("::1") || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe8")
                    || v6.startsWith("fe9") || v6.startsWith("fea") || v6.startsWith("feb");
        }
        // fast path: most destinations are public and their first octet says so
        int dot = ip.indexOf('.');
        if (dot <= 0 || dot > 3) {
            return false;
        }
        char c0 = ip.charAt(0);
        if (dot == 2 && c0 == '1' && ip.charAt(1) == '0') {
            return wellFormed(ip); // 10/8
        }
        if (dot != 3 || c0 != '1') {
            return false; // 127, 169, 172, 192 and 100 all have three digits and start with 1
        }
        int[] octets = new int[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) {
                    return false;
                }
                octets[part++] = value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return false;
            }
        }
        if (part != 3 || digits == 0) {
            return false;
        }
        octets[3] = value;
        return isPrivate(octets[0], octets[1]);
    }

    private static boolean wellFormed(String ip) {
        int dots = 0;
        int digits = 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    private static boolean isPrivate(int a, int b) {
        return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127);
    }
}
