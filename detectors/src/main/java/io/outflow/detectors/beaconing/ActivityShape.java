package io.outflow.detectors.beaconing;

/**
 * The histogram and duration scores of a pair's connections counted in equal bins (hourly by default) over the
 * sliding window, after RITA v5's definitions, adapted to a sliding window:
 * <ul>
 *   <li><b>histogram</b>: max of the flatness score 1 − σ/μ of the bin counts (0 when the coefficient of variation
 *       exceeds 1) and the bimodal score (bars grouped in steps of ⌈max bar · modeSensitivity⌉; the share of
 *       non-empty bars in the two most common steps, after discounting {@code outlierBins}; only with at least
 *       {@code bimodalMinBins} non-empty bars). The bins run from the pair's first non-empty bin in the window to the
 *       evaluation time, so that a pair that started two hours ago is judged on two hours, and the score is absent
 *       (NaN) below {@code minBins} bins;</li>
 *   <li><b>duration</b>: max of coverage (first to last connection over the window length) and consistency (the
 *       longest run of consecutive non-empty bins over {@code idealRun}), capped at 1. The window does not wrap
 *       around (a sliding window's oldest and newest bins are not neighbours).</li>
 * </ul>
 */
public record ActivityShape(double histogramScore, double flatness, double bimodal, int bins, int nonEmptyBins,
                            double durationScore, double coverage, double consistency, int longestRun) {

    /**
     * @param counts connections per bin, oldest first; the last bin ends at the evaluation time
     * @param windowMillis the length of the sliding window
     * @param firstMillis the first connection in the window
     * @param lastMillis the last connection in the window
     */
    public static ActivityShape of(int[] counts, long windowMillis, long firstMillis, long lastMillis, int minBins,
                                   double modeSensitivity, int outlierBins, int bimodalMinBins, int idealRun) {
        int first = 0;
        while (first < counts.length && counts[first] == 0) {
            first++;
        }
        int bins = counts.length - first;
        int nonEmpty = 0;
        int max = 0;
        long sum = 0;
        int run = 0;
        int longest = 0;
        for (int i = first; i < counts.length; i++) {
            int c = counts[i];
            sum += c;
            max = Math.max(max, c);
            if (c > 0) {
                nonEmpty++;
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        double flatness = Double.NaN;
        double bimodal = Double.NaN;
        double histogram = Double.NaN;
        if (bins >= minBins && sum > 0) {
            double mean = (double) sum / bins;
            double squares = 0;
            for (int i = first; i < counts.length; i++) {
                double d = counts[i] - mean;
                squares += d * d;
            }
            double cv = Math.sqrt(squares / bins) / mean;
            flatness = cv > 1 ? 0 : 1 - cv;
            bimodal = 0;
            if (nonEmpty >= bimodalMinBins) {
                int step = Math.max(1, (int) Math.ceil(max * modeSensitivity));
                int[] steps = new int[max / step + 1];
                for (int i = first; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        steps[counts[i] / step]++;
                    }
                }
                int top = 0;
                int second = 0;
                for (int s : steps) {
                    if (s > top) {
                        second = top;
                        top = s;
                    } else if (s > second) {
                        second = s;
                    }
                }
                int denominator = Math.max(1, nonEmpty - outlierBins);
                bimodal = Math.min(1, (double) (top + second) / denominator);
            }
            histogram = Math.max(flatness, bimodal);
        }
        double coverage = windowMillis <= 0 || nonEmpty == 0 ? 0
                : Math.min(1, (double) (lastMillis - firstMillis) / windowMillis);
        double consistency = idealRun <= 0 ? 0 : Math.min(1, (double) longest / idealRun);
        double duration = Math.min(1, Math.max(coverage, consistency));
        return new ActivityShape(histogram, flatness, bimodal, bins, nonEmpty, duration, coverage, consistency,
                longest);
    }
}
