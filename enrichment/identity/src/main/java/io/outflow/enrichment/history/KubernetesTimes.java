package io.outflow.enrichment.history;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 times as the API server writes them ({@code 2026-03-01T08:15:02Z}, MicroTime with a fraction, or an
 * offset), to epoch milliseconds without allocating for the common forms.
 */
final class KubernetesTimes {
    static final long NONE = Long.MIN_VALUE;

    private KubernetesTimes() {
    }

    /** Epoch milliseconds, or {@link #NONE} when the text is not an RFC 3339 time. */
    static long parse(String s) {
        if (s == null || s.length() < 20) {
            return NONE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return slow(s);
        }
        if (day > 28 && day > monthLength(year, month)) {
            return NONE;
        }
        int i = 19;
        long millis = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int kept = Math.min(3, i - start);
            if (kept == 0) {
                return slow(s);
            }
            for (int k = kept; k < 3; k++) {
                millis *= 10;
            }
        }
        if (i == s.length() - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            long days = daysFromCivil(year, month, day);
            return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
        }
        return slow(s);
    }

    private static long slow(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    private static int digits(String s, int at, int count) {
        int v = 0;
        for (int i = at; i < at + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int monthLength(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse, era arithmetic). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097L + dayOfEra - 719468;
    }
}
