package io.outflow.detectors.bandwidth;

import java.util.Arrays;

/**
 * What one key sent in its past windows, in two bounded shapes:
 * <ul>
 *   <li>recent: the totals of the last {@code recentWindows} windows in a ring (windows without flows count 0), for
 *       the recent level;</li>
 *   <li>daily peaks: for each of the last {@code seasonalDays} local days (plus today) and each local hour, the largest
 *       window total that started in that hour, for the daily profile.</li>
 * </ul>
 * Windows must be recorded in increasing order. Size: {@code recentWindows + 24 · (seasonalDays + 1)} longs.
 */
final class TrafficHistory {
    private final long[] recent;
    private final long[] peaks;
    private final long[] rowDay;
    /** Index (start / window length) of the first window of the key; Long.MIN_VALUE before any. */
    private long firstWindow;
    /** Index of the newest recorded window; Long.MIN_VALUE before any. */
    private long newestWindow;

    TrafficHistory(int recentWindows, int seasonalDays) {
        this.recent = new long[recentWindows];
        this.peaks = new long[24 * (seasonalDays + 1)];
        this.rowDay = new long[seasonalDays + 1];
        Arrays.fill(rowDay, Long.MIN_VALUE);
        this.firstWindow = Long.MIN_VALUE;
        this.newestWindow = Long.MIN_VALUE;
    }

    TrafficHistory(long[] recent, long[] peaks, long[] rowDay, long firstWindow, long newestWindow) {
        this.recent = recent;
        this.peaks = peaks;
        this.rowDay = rowDay;
        this.firstWindow = firstWindow;
        this.newestWindow = newestWindow;
    }

    /** Records a closed window: its index, total, and the local day (epoch day) and hour it started in. */
    void record(long window, long bytes, long localDay, int localHour) {
        if (newestWindow != Long.MIN_VALUE && window <= newestWindow) {
            throw new IllegalArgumentException("windows must be recorded in order: " + window + " after "
                    + newestWindow);
        }
        if (firstWindow == Long.MIN_VALUE) {
            firstWindow = window;
        } else {
            long gapFrom = Math.max(newestWindow + 1, window - recent.length);
            for (long w = gapFrom; w < window; w++) {
                recent[slot(w)] = 0;
            }
        }
        recent[slot(window)] = bytes;
        newestWindow = window;
        int row = (int) Math.floorMod(localDay, (long) rowDay.length);
        if (rowDay[row] != localDay) {
            rowDay[row] = localDay;
            Arrays.fill(peaks, row * 24, row * 24 + 24, 0);
        }
        peaks[row * 24 + localHour] = Math.max(peaks[row * 24 + localHour], bytes);
    }

    /**
     * Totals of the windows before {@code window} that the ring still holds, oldest first, counting windows without
     * flows since the key's first window as 0.
     */
    long[] recentBefore(long window) {
        if (firstWindow == Long.MIN_VALUE) {
            return new long[0];
        }
        long from = Math.max(firstWindow, window - recent.length);
        if (newestWindow != Long.MIN_VALUE) {
            from = Math.max(from, newestWindow - recent.length + 1);
        }
        int n = (int) Math.max(0, window - from);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long w = from + i;
            out[i] = w <= newestWindow ? recent[slot(w)] : 0;
        }
        return out;
    }

    /**
     * The largest window total that started within {@code neighbours} hours of this hour of the day on any earlier
     * local day still held, and how many such days had any record.
     */
    long[] seasonalPeak(long localDay, int localHour, int neighbours) {
        long peak = 0;
        int days = 0;
        long here = localDay * 24 + localHour;
        for (int row = 0; row < rowDay.length; row++) {
            long day = rowDay[row];
            if (day == Long.MIN_VALUE || day >= localDay || day < localDay - (rowDay.length - 1)) {
                continue;
            }
            days++;
            for (int h = 0; h < 24; h++) {
                long absolute = day * 24 + h;
                long distance = Math.floorMod(absolute - here, 24L);
                distance = Math.min(distance, 24 - distance);
                if (distance <= neighbours && absolute < here) {
                    peak = Math.max(peak, peaks[row * 24 + h]);
                }
            }
        }
        return new long[] {peak, days};
    }

    /** Index of the key's first window, or Long.MIN_VALUE. */
    long firstWindow() {
        return firstWindow;
    }

    long newestWindow() {
        return newestWindow;
    }

    long[] recentRing() {
        return recent;
    }

    long[] peakTable() {
        return peaks;
    }

    long[] rowDays() {
        return rowDay;
    }

    private int slot(long window) {
        return (int) Math.floorMod(window, (long) recent.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficHistory t && firstWindow == t.firstWindow && newestWindow == t.newestWindow
                && Arrays.equals(recent, t.recent) && Arrays.equals(peaks, t.peaks) && Arrays.equals(rowDay, t.rowDay);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(newestWindow) * 31 + Arrays.hashCode(recent);
    }
}
