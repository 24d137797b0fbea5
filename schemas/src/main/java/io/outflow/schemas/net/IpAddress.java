package io.outflow.schemas.net;

/**
 * An IPv4 or IPv6 address as 128 bits. IPv4 addresses live in the IPv4-mapped range {@code ::ffff:0:0/96}, so
 * {@code 10.1.2.3} and {@code ::ffff:10.1.2.3} are one address. Parsing never asks DNS and allocates nothing but
 * the result; the text form is the dotted quad or RFC 5952 (lower case, longest zero run compressed).
 */
public final class IpAddress implements Comparable<IpAddress> {
    /** The upper 64 bits of every IPv4-mapped address are zero; the lower hold {@code 0000:ffff:a.b.c.d}. */
    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private final long high;
    private final long low;

    private IpAddress(long high, long low) {
        this.high = high;
        this.low = low;
    }

    public static IpAddress of(long high, long low) {
        return new IpAddress(high, low);
    }

    public static IpAddress ofV4(int address) {
        return new IpAddress(0, V4_MAPPED_PREFIX | (address & 0xffff_ffffL));
    }

    /**
     * The address written in {@code text}, or null when it is not an IP literal. Stricter than {@code InetAddress}:
     * one to four ASCII hex digits a group, and no leading zeros in an octet, embedded ones too ({@code 010} could be
     * octal to another reader); zone ids, brackets and surrounding white space are refused.
     */
    public static IpAddress parse(CharSequence text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        if (n < 2 || n > 45) {
            return null;
        }
        // one pass for the dotted quad; the first character that cannot be in one sends the text to IPv6
        long result = 0;
        int value = 0;
        int digits = 0;
        int parts = 0;
        boolean leadingZero = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                leadingZero |= digits == 1 && value == 0; // "01" is no octet, though it may be an IPv6 group
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return hexDigit(c) >= 0 && digits <= 4 && parts == 0 ? parseV6(text, n) : null;
                }
            } else if (c == '.') {
                if (digits == 0 || leadingZero || ++parts > 3) {
                    return null;
                }
                result = (result << 8) | value;
                value = 0;
                digits = 0;
            } else if (c == ':' || (parts == 0 && hexDigit(c) >= 0)) {
                return parseV6(text, n);
            } else {
                return null;
            }
        }
        if (parts != 3 || digits == 0 || leadingZero) {
            return null;
        }
        return new IpAddress(0, V4_MAPPED_PREFIX | (result << 8) | value);
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} with the text when it is not an address. */
    public static IpAddress require(String text) {
        IpAddress address = parse(text);
        if (address == null) {
            throw new IllegalArgumentException("not an IP address: '" + text + "'");
        }
        return address;
    }

    /** A dotted quad between {@code from} and {@code to} as an unsigned 32-bit value, or -1. */
    private static long parseV4(CharSequence s, int from, int to) {
        long result = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            result = (result << 8) | value;
            parts++;
            if (i == to) {
                return parts == 4 ? result : -1;
            }
            if (parts == 4 || s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
    }

    private static IpAddress parseV6(CharSequence s, int n) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = 0;
        if (s.charAt(0) == ':') {
            if (n < 2 || s.charAt(1) != ':') {
                return null;
            }
            gap = 0;
            i = 2;
            if (i == n) {
                return new IpAddress(0, 0);
            }
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 5) {
                int digit = hexDigit(s.charAt(i));
                if (digit < 0) {
                    break;
                }
                value = (value << 4) | digit;
                i++;
            }
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                if (count > 6) {
                    return null;
                }
                long v4 = parseV4(s, start, n);
                if (v4 < 0) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = n;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single ':'
            }
        }
        if (gap < 0 && count != 8) {
            return null;
        }
        if (gap >= 0) {
            if (count == 8) {
                return null; // "::" must stand for at least one group
            }
            int move = count - gap;
            System.arraycopy(groups, gap, groups, 8 - move, move);
            for (int k = gap; k < 8 - move; k++) {
                groups[k] = 0;
            }
        }
        long high = 0;
        long low = 0;
        for (int k = 0; k < 4; k++) {
            high = (high << 16) | groups[k];
            low = (low << 16) | groups[k + 4];
        }
        return new IpAddress(high, low);
    }

    /** The value of an ASCII hex digit, or -1 ({@code Character.digit} would also take other scripts' digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public long high() {
        return high;
    }

    public long low() {
        return low;
    }

    public boolean isV4() {
        return isV4(high, low);
    }

    /** Whether the 128 bits {@code high}, {@code low} are an IPv4-mapped address, for tables keyed by the bits. */
    public static boolean isV4(long high, long low) {
        return high == 0 && (low & 0xffff_ffff_0000_0000L) == V4_MAPPED_PREFIX;
    }

    /** The IPv4 address as 32 bits; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) low;
    }

    /**
     * Whether the address never routes on the internet: RFC 1918, shared address space 100.64/10 (CGNAT, some overlay
     * pod ranges), loopback, link-local; IPv6 unique-local fc00::/7, link-local fe80::/10 and ::1.
     */
    public boolean isInternal() {
        if (isV4()) {
            int a = (int) (low >>> 24) & 0xff;
            int b = (int) (low >>> 16) & 0xff;
            return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127);
        }
        int first = (int) (high >>> 48);
        return (high == 0 && low == 1) || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && other.high == high && other.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high * 31 + low);
    }

    @Override
    public int compareTo(IpAddress o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    @Override
    public String toString() {
        if (isV4()) {
            int v = v4();
            return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
        }
        int[] groups = new int[8];
        for (int k = 0; k < 4; k++) {
            groups[k] = (int) ((high >>> (48 - 16 * k)) & 0xffff);
            groups[k + 4] = (int) ((low >>> (48 - 16 * k)) & 0xffff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; ) {
            if (groups[k] != 0) {
                k++;
                continue;
            }
            int end = k;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - k > bestLength) {
                bestStart = k;
                bestLength = end - k;
            }
            k = end;
        }
        StringBuilder out = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                out.append("::");
                k += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[k]));
        }
        return out.toString();
    }
}
