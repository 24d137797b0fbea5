package io.outflow.ingest.time;

/**
 * ISO-8601 times as Azure writes them: {@code 2024-03-20T23:39:59.8494370Z}, {@code 2025-11-26T14:16:47.139739+00:00},
 * 0 to 9 fraction digits, {@code Z} or an offset. A time without a zone is read as UTC and flagged; any other form
 * (such as {@code 1/9/2007 9:41:00 AM}) is not Azure output and is refused. Hand-written because it runs once per
 * record and {@code DateTimeFormatter} costs several times more.
 */
public final class Timestamps {

    /** The outcome of reading one time: epoch milliseconds, or a failure. */
    public record Parsed(long epochMillis, boolean zoneless, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    public static final String UNSUPPORTED = "unsupported time format";

    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private Timestamps() {
    }

    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed(0, false, "missing");
        }
        String s = text.strip();
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return failure();
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return failure();
        }
        int i = 19;
        int millis = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return failure();
            }
            for (int k = 0; k < 3; k++) {
                millis = millis * 10 + (k < count ? s.charAt(start + k) - '0' : 0);
            }
        }
        int offsetSeconds = 0;
        boolean zoneless = false;
        if (i == n) {
            zoneless = true;
        } else if ((s.charAt(i) == 'Z' || s.charAt(i) == 'z') && i + 1 == n) {
            offsetSeconds = 0;
        } else if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            int sign = s.charAt(i) == '-' ? -1 : 1;
            String zone = s.substring(i + 1);
            int oh;
            int om;
            if (zone.length() == 5 && zone.charAt(2) == ':') {
                oh = digits(zone, 0, 2);
                om = digits(zone, 3, 2);
            } else if (zone.length() == 4) {
                oh = digits(zone, 0, 2);
                om = digits(zone, 2, 2);
            } else if (zone.length() == 2) {
                oh = digits(zone, 0, 2);
                om = 0;
            } else {
                return failure();
            }
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return failure();
            }
            offsetSeconds = sign * (oh * 3600 + om * 60);
        } else {
            return failure();
        }
        long days = daysFromEpoch(year, month, day);
        long seconds = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return new Parsed(seconds * 1000L + millis, zoneless, null);
    }

    /**
     * Epoch seconds or milliseconds as flow-log tuples carry them: values of 10^12 and more are milliseconds.
     * Returns {@code Long.MIN_VALUE} for text that is not a plausible epoch time.
     */
    public static long epochMillis(String text) {
        if (text == null || text.isEmpty() || text.length() > 16) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1_000_000_000_000L ? value : value * 1000L;
    }

    private static Parsed failure() {
        return new Parsed(0, false, UNSUPPORTED);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean leap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long daysFromEpoch(int year, int month, int day) {
        long y = year - 1;
        long days = 365L * y + y / 4 - y / 100 + y / 400 + DAYS_BEFORE_MONTH[month - 1] + day - 1;
        if (month > 2 && leap(year)) {
            days++;
        }
        return days - 719_162L; // days from 0001-01-01 to 1970-01-01
    }
}
