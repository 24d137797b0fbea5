package io.outflow.detectors.bandwidth;

import java.util.Arrays;

/**
 * What a key's window is judged against: the larger of three bars.
 * <pre>
 *   recent bar   = median + sigma · max(1.4826 · MAD, relativeScaleFloor · median)     over the recent windows
 *   seasonal bar = headroom · (largest window started within ±n hours of this hour of the day on earlier days)
 *   floor        = minBytes
 *   threshold    = max(recent bar, seasonal bar, floor)
 * </pre>
 * Median and MAD make the recent level robust to earlier spikes (they move neither); the seasonal bar makes a job
 * that ran around this time on an earlier day (a nightly backup) routine once it has been seen; the floor keeps
 * small keys quiet. A window over the threshold is scored 0.5 at the threshold, 0.75 at twice and 1 at four times it.
 */
record SpikeBaseline(int recentWindows, double median, double mad, double scale, double recentBar, long seasonalPeak,
                     int seasonalDays, double seasonalBar, long floor, double threshold) {

    static SpikeBaseline of(long[] recent, long[] seasonal, BandwidthSpikeSettings settings) {
        double median = 0;
        double mad = 0;
        if (recent.length > 0) {
            double[] values = new double[recent.length];
            for (int i = 0; i < recent.length; i++) {
                values[i] = recent[i];
            }
            Arrays.sort(values);
            median = middle(values);
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.abs(values[i] - median);
            }
            Arrays.sort(values);
            mad = middle(values);
        }
        double scale = Math.max(1.4826 * mad, settings.relativeScaleFloor() * median);
        double recentBar = median + settings.sigma() * scale;
        double seasonalBar = seasonal[0] * settings.seasonalHeadroom();
        double threshold = Math.max(settings.minBytes(), Math.max(recentBar, seasonalBar));
        return new SpikeBaseline(recent.length, median, mad, scale, recentBar, seasonal[0], (int) seasonal[1],
                seasonalBar, settings.minBytes(), threshold);
    }

    /** Score in [0, 1] of a total: 0.5 + 0.25 · log2(bytes / threshold), clamped. */
    double score(long bytes) {
        if (bytes <= 0) {
            return 0;
        }
        double s = 0.5 + 0.25 * (Math.log((double) bytes / threshold) / Math.log(2));
        return Math.max(0, Math.min(1, s));
    }

    /** Which bar set the threshold: {@code recent}, {@code seasonal} or {@code floor}. */
    String bindingBar() {
        if (threshold == floor && floor >= recentBar && floor >= seasonalBar) {
            return "floor";
        }
        return seasonalBar > recentBar ? "seasonal" : "recent";
    }

    private static double middle(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
