package io.outflow.detectors.beaconing;

/**
 * A periodicity measure for connection times that survives what breaks interval statistics: other traffic to the
 * same destination mixed in, missed check-ins, several replicas beaconing on their own clocks, and jitter up to the
 * tolerance. It works in the time domain on the raw times (no transform, no binning).
 *
 * <p>For a candidate period P with tolerance τ = tolerance·P, a connection at t has a <em>successor</em> when another
 * connection falls in [t + P − τ, t + P + τ]. A beacon of period P gives almost every connection a successor, even
 * with other traffic mixed in or a check-in missed now and then. Random traffic gives one by chance with probability
 * p₀ = 1 − exp(−2τλ), λ the local rate around t (connections within ±2P, so that a daily rhythm does not pass for a
 * period). With S successors among E eligible connections (those whose successor window ends before the end of the
 * observation), expected chance successors C = Σp₀ and their standard deviation σ = √Σp₀(1 − p₀):
 * <pre>
 *   score(P) = (E · wilson95(S / E) − C) / (E − C)   when S − C ≥ z·σ, else 0; clamped to [0, 1]
 * </pre>
 * The z·σ gate keeps the maximum over all candidates of random traffic at 0; the Wilson lower bound of the successor
 * rate keeps a handful of connections from scoring high. Candidates whose mean p₀ exceeds {@code maxChance} are
 * skipped: the traffic is too dense for timing at that period to mean anything (several replicas interleaving their
 * own clocks are such a case; {@link BeaconScorer} scores them per source instead). Candidates are a geometric grid
 * from {@code minPeriod} to {@code maxPeriod} (ratio 1 + tolerance/2, so a true period is within a quarter of the
 * tolerance of a grid point) plus the caller's own estimates; the period reported is the median gap from a connection
 * to its successor at the best candidate.
 */
public final class Periodicity {

    /**
     * The best candidate: its score, the candidate period, the period measured (median gap from a connection to its
     * successor), and the counts behind the score.
     */
    public record Result(double score, double candidateSeconds, double periodSeconds, int eligible, int successors,
                         double expected, double sigma) {
        static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0);
    }

    private final double tolerance;
    private final double z;
    private final double maxChance;
    private final double[] grid;

    /**
     * @param minPeriodSeconds shortest period tried
     * @param maxPeriodSeconds longest period tried
     * @param tolerance jitter tolerated, as a fraction of the period (0.3 = ±30 %)
     * @param z standard deviations of chance excess charged to every candidate
     * @param maxChance candidates where a random connection would find a successor more often than this are skipped
     */
    public Periodicity(double minPeriodSeconds, double maxPeriodSeconds, double tolerance, double z,
                       double maxChance) {
        this.tolerance = tolerance;
        this.z = z;
        this.maxChance = maxChance;
        double ratio = 1 + tolerance / 2;
        int n = (int) Math.floor(Math.log(maxPeriodSeconds / minPeriodSeconds) / Math.log(ratio)) + 1;
        grid = new double[n];
        double p = minPeriodSeconds;
        for (int i = 0; i < n; i++) {
            grid[i] = p;
            p *= ratio;
        }
    }

    /**
     * Scores sorted times (milliseconds) observed over [start, end].
     *
     * @param extraCandidates periods in seconds to try besides the grid (e.g. median intervals); non-positive ignored
     */
    public Result measure(long[] times, int n, long start, long end, double... extraCandidates) {
        Result best = Result.NONE;
        for (double period : grid) {
            best = better(best, candidate(times, n, start, end, period));
        }
        for (double period : extraCandidates) {
            if (period > 0) {
                best = better(best, candidate(times, n, start, end, period));
            }
        }
        return best;
    }

    /** Wilson score lower bound of a proportion at z = 1.96. */
    static double lowerBound(int successes, int trials) {
        double zz = 1.96 * 1.96;
        double p = (double) successes / trials;
        double centre = p + zz / (2.0 * trials);
        double spread = 1.96 * Math.sqrt(p * (1 - p) / trials + zz / (4.0 * trials * trials));
        return (centre - spread) / (1 + zz / trials);
    }

    private static Result better(Result a, Result b) {
        if (b == null) {
            return a;
        }
        return b.score() > a.score() ? b : a;
    }

    /** One candidate period, or null when it cannot be judged. */
    Result candidate(long[] times, int n, long start, long end, double periodSeconds) {
        long period = Math.round(periodSeconds * 1000);
        long tau = Math.round(periodSeconds * 1000 * tolerance);
        if (period <= 0 || tau <= 0) {
            return null;
        }
        int eligible = 0;
        int successors = 0;
        double expected = 0;
        double variance = 0;
        long[] gaps = new long[n];
        int succLo = 0;
        int rateLo = 0;
        int rateHi = 0;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (t + period + tau > end) {
                break; // sorted: every later connection is ineligible too
            }
            long from = t + period - tau;
            long to = t + period + tau;
            while (succLo < n && times[succLo] < from) {
                succLo++;
            }
            boolean hasSuccessor = succLo < n && times[succLo] <= to; // from > t, so never t itself
            long rateFrom = Math.max(start, t - 2 * period);
            long rateTo = Math.min(end, t + 2 * period);
            while (rateLo < n && times[rateLo] < rateFrom) {
                rateLo++;
            }
            if (rateHi < rateLo) {
                rateHi = rateLo;
            }
            while (rateHi < n && times[rateHi] <= rateTo) {
                rateHi++;
            }
            int others = rateHi - rateLo - 1;
            double span = Math.max(1, rateTo - rateFrom);
            double lambda = others / span;
            double p0 = 1 - Math.exp(-2.0 * tau * lambda);
            eligible++;
            if (hasSuccessor) {
                gaps[successors++] = times[succLo] - t;
            }
            expected += p0;
            variance += p0 * (1 - p0);
        }
        if (eligible == 0 || expected / eligible > maxChance) {
            return null;
        }
        double sigma = Math.sqrt(variance);
        double room = eligible - expected;
        double score = 0;
        if (room > 0 && successors - expected >= z * sigma) {
            // Wilson lower bound (95 %) of the successor rate, then the share of the room above chance
            double rate = lowerBound(successors, eligible);
            score = (rate * eligible - expected) / room;
        }
        double measured = periodSeconds;
        if (successors > 0) {
            java.util.Arrays.sort(gaps, 0, successors);
            measured = gaps[successors / 2] / 1000.0;
        }
        return new Result(Math.max(0, Math.min(1, score)), periodSeconds, measured, eligible, successors, expected,
                sigma);
    }
}
