package io.outflow.detectors.beaconing;

import java.util.Arrays;

/**
 * Scores the connections of one (key, destination) pair over the sliding window.
 *
 * <p>Timing comes first: a connection within {@code burstGap} of the previous one joins its check-in (an implant that
 * opens a second connection to fetch a task, a client that retries at once, parallel streams), then three views of the check-ins are
 * measured and the best one is the timing score:
 * <ol>
 *   <li>merged: intervals between consecutive check-ins of all sources (RITA's skew and MAD scores), regular when one
 *       process beacons or when replicas take turns;</li>
 *   <li>per source: intervals within each source's own check-ins, pooled, regular when each replica beacons on its
 *       own clock (their interleaving is not);</li>
 *   <li>periodicity: {@link Periodicity} over the most recent {@value #PERIODICITY_CHECK_INS} check-ins, for slow
 *       beacons, missed check-ins and other traffic mixed in.</li>
 * </ol>
 * The score is the weighted mean of the timing, data-size, histogram and duration scores; a sub-score without enough
 * data (fewer than three byte samples, fewer bins than the histogram needs) is left out and the weights of the others
 * are rescaled.
 */
public final class BeaconScorer {
    /** Skewness of a quartile spread under this fraction of the median is noise (see {@link Dispersion}). */
    static final double RELATIVE_SPREAD = 0.1;
    /** Skewness of intervals with a quartile spread under one second is noise. */
    static final double MIN_INTERVAL_SPREAD_SECONDS = 1.0;
    /** Skewness of sizes with a quartile spread under 16 bytes is noise. */
    static final double MIN_SIZE_SPREAD_BYTES = 16.0;
    /** RITA v5 scores intervals only with at least three of them, and sizes with at least three samples. */
    static final int MIN_SAMPLES = 3;
    /**
     * The periodicity measure looks at the most recent 512 check-ins: enough for dozens of cycles of any period it
     * tries, and it keeps the cost of a score bounded for chatty destinations.
     */
    static final int PERIODICITY_CHECK_INS = 512;

    private final BeaconingSettings settings;
    private final Periodicity periodicity;

    public BeaconScorer(BeaconingSettings settings) {
        this.settings = settings;
        this.periodicity = new Periodicity(settings.minPeriod().toMillis() / 1000.0,
                settings.maxPeriod().toMillis() / 1000.0, settings.jitterTolerance(), settings.periodicityZ(), 0.6);
    }

    /**
     * @param times connection times in milliseconds, sorted, within the window
     * @param sources the source index of each connection
     * @param n how many connections
     * @param sizes bytes sent per byte-carrying event in the window
     * @param sizeCount how many sizes
     * @param bins connections per bin, oldest first, the last ending at {@code end}
     * @param windowStart start of the window (or of the observation, when later)
     * @param end the evaluation time
     * @param connections connections in the window (may exceed n when the pair's history was capped)
     */
    public BeaconScore score(long[] times, int[] sources, int n, long[] sizes, int sizeCount, int[] bins,
                             long windowStart, long end, int connections) {
        long gap = settings.burstGap().toMillis();
        long[] checkIns = new long[n];
        int[] checkInSources = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            // a connection within the gap of the previous one belongs to the same check-in (chained: a burst of
            // parallel streams 1.5 s apart is one check-in however long the burst)
            if (i > 0 && times[i] - times[i - 1] < Math.max(1, gap)) {
                continue;
            }
            checkIns[m] = times[i];
            checkInSources[m] = sources[i];
            m++;
        }
        double[] intervals = new double[Math.max(0, m - 1)];
        for (int i = 1; i < m; i++) {
            intervals[i - 1] = (checkIns[i] - checkIns[i - 1]) / 1000.0;
        }
        Dispersion merged = Dispersion.of(intervals, intervals.length, MIN_INTERVAL_SPREAD_SECONDS, RELATIVE_SPREAD);

        int distinctSources = 0;
        int maxSource = 0;
        for (int i = 0; i < n; i++) {
            maxSource = Math.max(maxSource, sources[i]);
        }
        long[] lastOfSource = new long[maxSource + 1];
        Arrays.fill(lastOfSource, Long.MIN_VALUE);
        double[] pooled = new double[n];
        int pooledCount = 0;
        for (int i = 0; i < n; i++) {
            int s = sources[i];
            long previous = lastOfSource[s];
            if (previous == Long.MIN_VALUE) {
                distinctSources++;
                lastOfSource[s] = times[i];
            } else if (times[i] - previous >= Math.max(1, gap)) {
                pooled[pooledCount++] = (times[i] - previous) / 1000.0;
                lastOfSource[s] = times[i];
            }
        }
        Dispersion perSource = null;
        if (distinctSources >= 2 && pooledCount >= MIN_SAMPLES) {
            perSource = Dispersion.of(pooled, pooledCount, MIN_INTERVAL_SPREAD_SECONDS, RELATIVE_SPREAD);
        }

        int recent = Math.min(m, PERIODICITY_CHECK_INS);
        long[] tail = Arrays.copyOfRange(checkIns, m - recent, m);
        long observedFrom = recent < m ? tail[0] : windowStart;
        Periodicity.Result periodic = periodicity.measure(tail, recent, observedFrom, end, merged.median(),
                perSource == null ? 0 : perSource.median());

        Dispersion dataSize = null;
        if (sizeCount >= MIN_SAMPLES) {
            double[] values = new double[sizeCount];
            for (int i = 0; i < sizeCount; i++) {
                values[i] = sizes[i];
            }
            dataSize = Dispersion.of(values, sizeCount, MIN_SIZE_SPREAD_BYTES, RELATIVE_SPREAD);
        }

        long first = n == 0 ? windowStart : times[0];
        long last = n == 0 ? windowStart : times[n - 1];
        ActivityShape shape = ActivityShape.of(bins, settings.window().toMillis(), first, last,
                settings.histogramMinBins(), 0.05, 1, 11, settings.idealRunBins());

        double timing = 0;
        String timingSource = "merged";
        if (intervals.length >= MIN_SAMPLES) {
            timing = merged.score();
        }
        if (perSource != null && perSource.score() > timing) {
            timing = perSource.score();
            timingSource = "perSource";
        }
        if (periodic.score() > timing) {
            timing = periodic.score();
            timingSource = "periodicity";
        }

        double weighted = settings.timingWeight() * timing;
        double weights = settings.timingWeight();
        if (dataSize != null) {
            weighted += settings.dataSizeWeight() * dataSize.score();
            weights += settings.dataSizeWeight();
        }
        if (!Double.isNaN(shape.histogramScore())) {
            weighted += settings.histogramWeight() * shape.histogramScore();
            weights += settings.histogramWeight();
        }
        weighted += settings.durationWeight() * shape.durationScore();
        weights += settings.durationWeight();
        double score = weights <= 0 ? 0 : weighted / weights;
        return new BeaconScore(connections, m, distinctSources, merged, perSource, periodic, dataSize, shape, timing,
                timingSource, weights, score);
    }
}
