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
 * tolerance of a grid point) plus the caller's own estimates; a candidate is skipped at once when the whole sample's
 * rate already makes chance successors likelier than {@code maxChance}. The period reported is the median gap from a
 * connection to its successor at the best candidate.
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
    /** p₀ for k other connections in a full ±2P rate window: 1 − exp(−k · 2τ / 4P). */
    private final double[] chance = new double[64];

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
        for (int k = 0; k < chance.length; k++) {
            chance[k] = 1 - Math.exp(-k * tolerance / 2);
        }
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
        double span = Math.max(1, end - start);
        for (double period : grid) {
            best = better(best, candidate(times, n, start, end, period, span));
        }
        for (double period : extraCandidates) {
            if (period > 0) {
                best = better(best, candidate(times, n, start, end, period, span));
            }
        }
        if (best.successors() > 0) {
            best = withMeasuredPeriod(best, times, n, end);
        }
        return best;
    }

    /** The best candidate with its period measured: the median gap from a connection to its successor. */
    private Result withMeasuredPeriod(Result r, long[] times, int n, long end) {
        long period = Math.round(r.candidateSeconds() * 1000);
        long tau = Math.round(r.candidateSeconds() * 1000 * tolerance);
        long[] gaps = new long[r.successors()];
        int g = 0;
        int succ = 0;
        for (int i = 0; i < n && g < gaps.length; i++) {
            long t = times[i];
            if (t + period + tau > end) {
                break;
            }
            while (succ < n && times[succ] < t + period - tau) {
                succ++;
            }
            if (succ < n && times[succ] <= t + period + tau) {
                gaps[g++] = times[succ] - t;
            }
        }
        java.util.Arrays.sort(gaps, 0, g);
        double measured = g == 0 ? r.candidateSeconds() : gaps[g / 2] / 1000.0;
        return new Result(r.score(), r.candidateSeconds(), measured, r.eligible(), r.successors(), r.expected(),
                r.sigma());
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
    Result candidate(long[] times, int n, long start, long end, double periodSeconds, double span) {
        long period = Math.round(periodSeconds * 1000);
        long tau = Math.round(periodSeconds * 1000 * tolerance);
        if (period <= 0 || tau <= 0 || 1 - Math.exp(-2.0 * tau * n / span) > maxChance) {
            return null; // too dense overall for this period: skip without a pass
        }
        int eligible = 0;
        int successors = 0;
        double expected = 0;
        double variance = 0;
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
            double p0;
            if (rateTo - rateFrom == 4 * period && others < chance.length) {
                p0 = chance[others]; // away from the edges the rate window is 4P: p₀ depends on the count only
            } else {
                p0 = 1 - Math.exp(-2.0 * tau * others / (double) Math.max(1, rateTo - rateFrom));
            }
            eligible++;
            if (hasSuccessor) {
                successors++;
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
        return new Result(Math.max(0, Math.min(1, score)), periodSeconds, periodSeconds, eligible, successors,
                expected, sigma);
    }
}
