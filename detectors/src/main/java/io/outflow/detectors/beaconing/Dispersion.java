package io.outflow.detectors.beaconing;

import java.util.Arrays;

/**
 * How tightly a sample (intervals between connections, or bytes per connection) clusters around its median, as
 * two scores in [0, 1] in the manner of RITA v5's beacon analysis:
 * <ul>
 *   <li>skew score = 1 − |Bowley skewness|, Bowley = (Q1 + Q3 − 2·Q2) / (Q3 − Q1), shrunk toward 0 by
 *       n / (n + 10) for small samples (see {@link #SKEW_SHRINKAGE}). The skewness is taken as 0 when
 *       the quartile spread is below {@code minSpread} or below {@code relativeSpread} of the median (or Q2 equals Q1
 *       or Q3): a near-constant sample is as regular as it gets, and the sign of its noise means nothing;</li>
 *   <li>dispersion score = (median − MAD) / median, clamped to [0, 1], MAD the median absolute deviation about the
 *       median.</li>
 * </ul>
 * The score is their mean. Quartiles are interpolated between order statistics (Hyndman–Fan type 7).
 *
 * @param count sample size
 * @param q1 first quartile
 * @param median second quartile
 * @param q3 third quartile
 * @param mad median absolute deviation about the median
 * @param skew Bowley skewness used for the score (0 when forced)
 * @param skewScore 1 − |skew|
 * @param madScore (median − MAD) / median, clamped
 */
public record Dispersion(int count, double q1, double median, double q3, double mad, double skew, double skewScore,
                         double madScore) {

    /**
     * Sample size at which the Bowley skewness is halved: with few values its sampling noise, not the process, sets
     * it (about ±0.25 for 20 symmetric values), so it is shrunk toward 0 by n / (n + 10).
     */
    static final double SKEW_SHRINKAGE = 10;

    /** The combined score: the mean of the skew and dispersion scores. */
    public double score() {
        return (skewScore + madScore) / 2;
    }

    /**
     * Measures a sample.
     *
     * @param values the sample; not modified
     * @param length how many leading values to use
     * @param minSpread quartile spread below which skewness is noise (same unit as the values)
     * @param relativeSpread quartile spread, as a fraction of the median, below which skewness is noise
     */
    public static Dispersion of(double[] values, int length, double minSpread, double relativeSpread) {
        if (length == 0) {
            return new Dispersion(0, 0, 0, 0, 0, 0, 0, 0);
        }
        double[] sorted = Arrays.copyOf(values, length);
        Arrays.sort(sorted);
        double q1 = quantile(sorted, 0.25);
        double q2 = quantile(sorted, 0.5);
        double q3 = quantile(sorted, 0.75);
        double spread = q3 - q1;
        double skew = 0;
        if (spread >= minSpread && spread >= relativeSpread * Math.abs(q2) && spread > 0 && q2 != q1 && q2 != q3) {
            skew = (q1 + q3 - 2 * q2) / spread * length / (length + SKEW_SHRINKAGE);
        }
        double[] deviations = new double[length];
        for (int i = 0; i < length; i++) {
            deviations[i] = Math.abs(sorted[i] - q2);
        }
        Arrays.sort(deviations);
        double mad = quantile(deviations, 0.5);
        double madScore = q2 <= 0 ? 0 : Math.max(0, Math.min(1, (q2 - mad) / q2));
        return new Dispersion(length, q1, q2, q3, mad, skew, 1 - Math.abs(skew), madScore);
    }

    /** Type-7 quantile of a sorted, non-empty array. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
