package io.outflow.detectors.bandwidth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** The recorded totals ending at the newest window, oldest first (at most the ring's length). */
    long[] recentValues() {
        if (newestWindow == Long.MIN_VALUE) {
            return new long[0];
        }
        int n = (int) Math.min(recent.length, newestWindow - firstWindow + 1);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = recent[slot(newestWindow - n + 1 + i)];
        }
        return out;
    }

    /** Non-zero daily peaks as (local epoch day, hour, bytes), by day then hour. */
    List<long[]> peakEntries() {
        List<long[]> out = new ArrayList<>();
        for (int row = 0; row < rowDay.length; row++) {
            if (rowDay[row] == Long.MIN_VALUE) {
                continue;
            }
            boolean any = false;
            for (int h = 0; h < 24; h++) {
                if (peaks[row * 24 + h] != 0) {
                    out.add(new long[] {rowDay[row], h, peaks[row * 24 + h]});
                    any = true;
                }
            }
            if (!any) {
                out.add(new long[] {rowDay[row], -1, 0}); // a day with only empty windows still counts as seen
            }
        }
        out.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        return out;
    }

    /**
     * Rebuilds a history, possibly of other sizes than the one written: the newest recorded totals (oldest first,
     * the last being window {@code newest}) and the daily peaks; what no longer fits is dropped.
     */
    static TrafficHistory restore(int recentWindows, int seasonalDays, long first, long newest, long[] values,
                                  List<long[]> peakEntries) {
        TrafficHistory h = new TrafficHistory(recentWindows, seasonalDays);
        if (newest == Long.MIN_VALUE) {
            return h;
        }
        h.firstWindow = first;
        h.newestWindow = newest;
        int keep = Math.min(values.length, recentWindows);
        for (int i = 0; i < keep; i++) {
            long w = newest - keep + 1 + i;
            h.recent[h.slot(w)] = values[values.length - keep + i];
        }
        long newestDay = Long.MIN_VALUE;
        for (long[] e : peakEntries) {
            newestDay = Math.max(newestDay, e[0]);
        }
        for (long[] e : peakEntries) {
            long day = e[0];
            if (day <= newestDay - h.rowDay.length) {
                continue;
            }
            int row = (int) Math.floorMod(day, (long) h.rowDay.length);
            if (h.rowDay[row] != day) {
                h.rowDay[row] = day;
                Arrays.fill(h.peaks, row * 24, row * 24 + 24, 0);
            }
            if (e[1] >= 0) {
                h.peaks[row * 24 + (int) e[1]] = Math.max(h.peaks[row * 24 + (int) e[1]], e[2]);
            }
        }
        return h;
    }

    private int slot(long window) {
        return (int) Math.floorMod(window, (long) recent.length);
    }
}
