package io.outflow.detectors.beaconing;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import java.time.Duration;

/**
 * The {@code detectors.beaconing} section. Every option, its default and its range are declared here once; the
 * detector's page ({@code docs/detectors/beaconing.md}) explains each.
 *
 * @param enabled whether the detector runs
 * @param window how far back connection times are scored (the sliding window)
 * @param evaluationInterval how often, in event time, each pair is scored (aligned to the epoch)
 * @param binWidth the width of the histogram bins over the window
 * @param minConnections connections a pair needs in the window before it is scored
 * @param maxConnectionsPerPair connection times kept per pair for interval scoring (the most recent); bin counts
 *     still cover the whole window
 * @param maxDestinationsPerKey destinations tracked per key; past it the least recently seen is forgotten
 * @param maxSourcesPerPair pods / source addresses told apart per pair; the rest share one slot
 * @param burstGap connections closer than this are one check-in
 * @param jitterTolerance jitter tolerated by the periodicity measure, as a fraction of the period
 * @param minPeriod shortest period the periodicity measure tries
 * @param maxPeriod longest period the periodicity measure tries
 * @param periodicityZ standard deviations of chance excess charged to each periodicity candidate
 * @param timingWeight weight of the timing score
 * @param dataSizeWeight weight of the data-size score
 * @param histogramWeight weight of the histogram score
 * @param durationWeight weight of the duration score
 * @param histogramMinBins bins a pair must span before its histogram score counts
 * @param idealRunBins consecutive non-empty bins that give a full consistency score
 * @param minTiming the timing score a pair needs, whatever its other scores (regular timing is the signal)
 * @param alertScore the final score that raises an alert
 * @param mediumScore the final score from which an alert is of medium severity (low below)
 * @param highScore the final score from which an alert is of high severity
 * @param includePrivateDestinations whether connections to private, loopback and link-local addresses without a name
 *     are scored (off: in-VNet and in-cluster services poll each other all day)
 * @param revisionInterval while a beacon goes on, its alert is revised at most this often
 * @param cooldown repeats within this time after an alert revise it instead of raising a new one
 */
public record BeaconingSettings(boolean enabled, Duration window, Duration evaluationInterval, Duration binWidth,
                                int minConnections, int maxConnectionsPerPair, int maxDestinationsPerKey,
                                int maxSourcesPerPair, Duration burstGap, double jitterTolerance, Duration minPeriod,
                                Duration maxPeriod, double periodicityZ, double timingWeight, double dataSizeWeight,
                                double histogramWeight, double durationWeight, int histogramMinBins, int idealRunBins,
                                double minTiming, double alertScore, double mediumScore, double highScore,
                                boolean includePrivateDestinations, Duration revisionInterval, Duration cooldown) {

    public static final BeaconingSettings DEFAULT = new BeaconingSettings(true, Duration.ofHours(24),
            Duration.ofMinutes(15), Duration.ofHours(1), 20, 1024, 256, 32, Duration.ofSeconds(2), 0.3,
            Duration.ofSeconds(10), Duration.ofHours(1), 3.0, 0.4, 0.2, 0.2, 0.2, 6, 12, 0.8, 0.75, 0.85, 0.95, false,
            Duration.ofHours(1), Duration.ofHours(24));

    /** Reads the section (an empty map gives the defaults), recording every problem with its path and line. */
    public static BeaconingSettings read(ConfigNode section, ConfigProblems problems) {
        BeaconingSettings d = DEFAULT;
        boolean enabled = section.bool("enabled", d.enabled, problems);
        Duration window = section.duration("window", d.window, Duration.ofHours(1), problems);
        Duration evaluation = section.duration("evaluationInterval", d.evaluationInterval, Duration.ofMinutes(1),
                problems);
        Duration binWidth = section.duration("binWidth", d.binWidth, Duration.ofMinutes(1), problems);
        int minConnections = section.integer("minConnections", d.minConnections, 3, 100_000, problems);
        int maxConnections = section.integer("maxConnectionsPerPair", d.maxConnectionsPerPair, 32, 65_536, problems);
        int maxDestinations = section.integer("maxDestinationsPerKey", d.maxDestinationsPerKey, 1, 100_000, problems);
        int maxSources = section.integer("maxSourcesPerPair", d.maxSourcesPerPair, 1, 255, problems);
        Duration burstGap = section.duration("burstGap", d.burstGap, Duration.ZERO, problems);
        double jitter = section.number("jitterTolerance", d.jitterTolerance, 0.05, 0.5, problems);
        Duration minPeriod = section.duration("minPeriod", d.minPeriod, Duration.ofSeconds(1), problems);
        Duration maxPeriod = section.duration("maxPeriod", d.maxPeriod, Duration.ofSeconds(1), problems);
        double z = section.number("periodicityZ", d.periodicityZ, 0, 10, problems);
        double timingWeight = section.number("timingWeight", d.timingWeight, 0, 1, problems);
        double dataSizeWeight = section.number("dataSizeWeight", d.dataSizeWeight, 0, 1, problems);
        double histogramWeight = section.number("histogramWeight", d.histogramWeight, 0, 1, problems);
        double durationWeight = section.number("durationWeight", d.durationWeight, 0, 1, problems);
        int histogramMinBins = section.integer("histogramMinBins", d.histogramMinBins, 2, 1000, problems);
        int idealRun = section.integer("idealRunBins", d.idealRunBins, 1, 1000, problems);
        double minTiming = section.number("minTiming", d.minTiming, 0, 1, problems);
        double alertScore = section.number("alertScore", d.alertScore, 0, 1, problems);
        double mediumScore = section.number("mediumScore", d.mediumScore, 0, 1, problems);
        double highScore = section.number("highScore", d.highScore, 0, 1, problems);
        boolean includePrivate = section.bool("includePrivateDestinations", d.includePrivateDestinations, problems);
        Duration revisionInterval = section.duration("revisionInterval", d.revisionInterval, Duration.ZERO,
                problems);
        Duration cooldown = section.duration("cooldown", d.cooldown, Duration.ZERO, problems);

        if (evaluation.compareTo(window) > 0) {
            problem(section, "evaluationInterval", "must not exceed window (" + ConfigNode.format(window) + "), got "
                    + ConfigNode.format(evaluation), problems);
            evaluation = d.evaluationInterval.compareTo(window) <= 0 ? d.evaluationInterval : window;
        }
        if (window.toMillis() % binWidth.toMillis() != 0 || window.toMillis() / binWidth.toMillis() > 1000
                || window.toMillis() / binWidth.toMillis() < 2) {
            problem(section, "binWidth", "must divide window (" + ConfigNode.format(window)
                    + ") into 2 to 1000 equal bins, got " + ConfigNode.format(binWidth), problems);
            binWidth = window.toMillis() % d.binWidth.toMillis() == 0 ? d.binWidth : window.dividedBy(24);
        }
        if (maxPeriod.compareTo(minPeriod) <= 0) {
            problem(section, "maxPeriod", "must be longer than minPeriod (" + ConfigNode.format(minPeriod) + "), got "
                    + ConfigNode.format(maxPeriod), problems);
            maxPeriod = minPeriod.multipliedBy(360);
        }
        if (maxPeriod.multipliedBy(4).compareTo(window) > 0) {
            problem(section, "maxPeriod", "must be at most a quarter of window (" + ConfigNode.format(window)
                    + ") so that a period repeats enough to be seen, got " + ConfigNode.format(maxPeriod), problems);
            maxPeriod = window.dividedBy(4);
        }
        if (timingWeight + dataSizeWeight + histogramWeight + durationWeight <= 0) {
            problem(section, "timingWeight", "the four weights must not all be 0", problems);
            timingWeight = d.timingWeight;
        }
        if (mediumScore < alertScore || highScore < mediumScore) {
            problem(section, "highScore", "must satisfy alertScore ≤ mediumScore ≤ highScore, got " + alertScore
                    + ", " + mediumScore + ", " + highScore, problems);
            mediumScore = Math.max(alertScore, Math.min(mediumScore, highScore));
            highScore = Math.max(mediumScore, highScore);
        }
        section.rejectUnknownKeys(problems);
        return new BeaconingSettings(enabled, window, evaluation, binWidth, minConnections, maxConnections,
                maxDestinations, maxSources, burstGap, jitter, minPeriod, maxPeriod, z, timingWeight, dataSizeWeight,
                histogramWeight, durationWeight, histogramMinBins, idealRun, minTiming, alertScore, mediumScore,
                highScore, includePrivate, revisionInterval, cooldown);
    }

    /** Bins in the window. */
    public int bins() {
        return (int) (window.toMillis() / binWidth.toMillis());
    }

    private static void problem(ConfigNode section, String key, String message, ConfigProblems problems) {
        ConfigNode at = section.get(key);
        if (at != null) {
            problems.add(at, message);
        } else {
            problems.add(section.childPath(key), message, section.file(), section.line());
        }
    }
}
