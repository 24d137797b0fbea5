package io.outflow.enrichment.timeline;

/** Kubernetes uids are UUIDs: 36 characters that fit two longs. */
final class Uuids {
    private Uuids() {
    }

    /** The UUID as {high, low}, or null when {@code text} is not of the 8-4-4-4-12 hex form. */
    static long[] parse(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || Character.isUpperCase(c)) {
                return null; // keep the exact text of anything not canonical
            }
            if (digits < 16) {
                high = (high << 4) | d;
            } else {
                low = (low << 4) | d;
            }
            digits++;
        }
        return new long[] {high, low};
    }

    static String format(long high, long low) {
        String h = hex(high);
        String l = hex(low);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + l.substring(0, 4) + "-"
                + l.substring(4, 16);
    }

    private static String hex(long value) {
        String s = Long.toHexString(value);
        return "0".repeat(16 - s.length()) + s;
    }
}
