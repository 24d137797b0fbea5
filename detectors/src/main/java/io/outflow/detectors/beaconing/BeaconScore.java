package io.outflow.detectors.beaconing;

/**
 * Every number behind one beaconing decision for a (key, destination) pair at one evaluation.
 *
 * @param connections connections counted in the window (each once, after deduplication)
 * @param checkIns connections left after merging those closer than the burst gap (one check-in may open several)
 * @param sources distinct sources (pods, else source addresses) among the connections
 * @param merged interval dispersion of the check-ins of all sources together (replicas sharing the work)
 * @param perSource interval dispersion of each source's own check-ins, pooled (replicas beaconing on their own
 *     clocks); null with fewer than two sources or too few intervals
 * @param periodicity the successor-based periodicity measure over the merged check-ins
 * @param dataSize dispersion of bytes sent per byte-carrying event; null with too few samples
 * @param shape histogram and duration scores over the window's bins
 * @param timing the timing score: the best of merged, per-source and periodicity
 * @param timingSource which of them gave it: {@code merged}, {@code perSource} or {@code periodicity}
 * @param weights the sum of the weights of the sub-scores that had enough data
 * @param score the weighted mean of the sub-scores, in [0, 1]
 */
public record BeaconScore(int connections, int checkIns, int sources, Dispersion merged, Dispersion perSource,
                          Periodicity.Result periodicity, Dispersion dataSize, ActivityShape shape, double timing,
                          String timingSource, double weights, double score) {
}
