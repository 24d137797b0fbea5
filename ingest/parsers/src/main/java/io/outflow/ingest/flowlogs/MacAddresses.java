package io.outflow.ingest.flowlogs;

import java.util.Locale;

/** MAC addresses as flow logs write them ({@code 00224871C205}, {@code 0022487bC205}): upper-case hex, no separators. */
final class MacAddresses {
    private MacAddresses() {
    }

    /** Twelve upper-case hex digits (separators {@code -} and {@code :} removed), or null when not a MAC address. */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder hex = new StringBuilder(12);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == ':') {
                continue;
            }
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit || hex.length() == 12) {
                return null;
            }
            hex.append(c);
        }
        return hex.length() == 12 ? hex.toString().toUpperCase(Locale.ROOT) : null;
    }
}
