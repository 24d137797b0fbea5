package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.net.IpAddress;
import java.util.Locale;

/**
 * Reading the fields every log family shares — ports, counters, addresses, names — with the same rules everywhere:
 * numbers may come as JSON numbers or numeric strings, "" means absent, and an invalid optional value is left out of
 * the event and named in its {@code warnings}.
 */
public final class RecordFields {
    private static final int MAX_QUOTED = 64;

    private RecordFields() {
    }

    /** A port 0..65535 from a number or numeric string; else null, with a warning unless absent. */
    public static Integer port(Object value, String field, FlowEvent event) {
        Long number = wholeNumber(value);
        if (number != null && number >= 0 && number <= 65_535) {
            return number.intValue();
        }
        if (isPresent(value)) {
            warn(event, field, value, "is not a port number");
        }
        return null;
    }

    /** A non-negative counter (bytes, packets) from a number or numeric string; else null, with a warning. */
    public static Long counter(Object value, String field, FlowEvent event) {
        Long number = wholeNumber(value);
        if (number != null && number >= 0) {
            return number;
        }
        if (isPresent(value)) {
            warn(event, field, value, "is not a non-negative count");
        }
        return null;
    }

    /**
     * The canonical text of an IP address in a field (dotted quad, or RFC 5952 with IPv4-mapped addresses as dotted
     * quads), or null. Like every field it may carry white space around it; an IPv6 address may be bracketed as in
     * URLs and {@code [v6]:port}.
     */
    public static String ip(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && s.indexOf(':') > 0) {
            s = s.substring(1, s.length() - 1);
        }
        IpAddress address = IpAddress.parse(s);
        return address == null ? null : address.toString();
    }

    /** An optional address: normalised, or left out with a warning when present but invalid. */
    public static String optionalIp(String text, String field, FlowEvent event) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String ip = ip(text);
        if (ip == null) {
            warn(event, field, text, "is not an IP address");
        }
        return ip;
    }

    /** A host name in lower case without a trailing dot; null for blank. */
    public static String fqdn(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Protocol names by IANA number: TCP, UDP, ICMP, ICMPv6, else the number itself. */
    public static String protocolName(int ianaNumber) {
        return switch (ianaNumber) {
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 1 -> "ICMP";
            case 58 -> "ICMPv6";
            default -> Integer.toString(ianaNumber);
        };
    }

    /** A protocol token as firewalls write it ("TCP", "udp", "ICMP Type=8", "6") in the contract's form. */
    public static String protocol(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String s = token.strip();
        int space = s.indexOf(' ');
        if (space > 0) {
            s = s.substring(0, space);
        }
        String upper = s.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "TCP":
            case "UDP":
            case "ICMP":
                return upper;
            case "ICMPV6":
                return "ICMPv6";
            default:
                Long number = wholeNumber(s);
                return number != null && number >= 0 && number <= 255 ? protocolName(number.intValue()) : upper;
        }
    }

    /** The value quoted for a reason or warning, shortened so that no long payload lands in a message. */
    public static String quote(Object value) {
        String s = String.valueOf(value);
        if (s.length() > MAX_QUOTED) {
            s = s.substring(0, MAX_QUOTED) + "…";
        }
        return "'" + s + "'";
    }

    public static void warn(FlowEvent event, String field, Object value, String problem) {
        event.getWarnings().add(field + " " + quote(value) + " " + problem + "; left out");
    }

    static boolean isPresent(Object value) {
        return value != null && value != io.outflow.ingest.json.JsonObject.NULL
                && !(value instanceof String s && s.isBlank());
    }

    /** A whole number from a JSON integer or a string of digits (with optional sign); else null. */
    public static Long wholeNumber(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d.doubleValue() : null;
        }
        if (value instanceof String s) {
            String t = s.strip();
            if (t.isEmpty() || t.length() > 18) {
                return null;
            }
            int i = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
            if (i == t.length()) {
                return null;
            }
            long n = 0;
            for (; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + (c - '0');
            }
            return t.charAt(0) == '-' ? -n : n;
        }
        return null;
    }
}
