package io.outflow.detectors.prevalence;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.settings.SuppressionRule;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The top-level {@code prevalence} section: how common a destination is across the sources (workloads, nodes,
 * addresses) of a cluster, and what that does to the alerts about it.
 *
 * <pre>
 * prevalence:
 *   window: 24h                 # whole hours before the hour of the alert's windowEnd
 *   commonAt: 5                 # other sources of the cluster that make a destination common
 *   commonSeverity: informational   # a common destination's alert is at most this severe
 *   scoreFactor: 0.5            # and its score is multiplied by this
 *   detectors: [beaconing, new_fqdn]
 * </pre>
 *
 * @param enabled whether prevalence is measured at all (off: the alerts pass unchanged, without prevalence evidence)
 * @param window how far back sources are counted, in whole hours
 * @param commonAt other sources of the cluster that make a destination common (and its alerts damped)
 * @param commonSeverity the highest severity an alert about a common destination keeps (informational: in the table
 *     and in hunting queries, but no incident on its own)
 * @param scoreFactor what a common destination's alert score is multiplied by
 * @param detectors the detectors whose alerts carry prevalence (per-destination detectors only)
 * @param maxSamples sources named in the evidence
 */
public record PrevalenceSettings(boolean enabled, Duration window, int commonAt, Severity commonSeverity,
                                 double scoreFactor,
                                 List<String> detectors, int maxSamples) {

    /** Detectors whose alerts name one destination: the ones prevalence can apply to. */
    public static final List<String> PER_DESTINATION = List.of(DetectorNames.CRYPTOMINING, DetectorNames.NEW_FQDN,
            DetectorNames.BEACONING);

    public static final PrevalenceSettings DEFAULT = new PrevalenceSettings(true, Duration.ofHours(24), 5,
            Severity.informational, 0.5,
            List.of(DetectorNames.NEW_FQDN, DetectorNames.BEACONING), 5);

    public PrevalenceSettings {
        detectors = List.copyOf(detectors);
    }

    /** The window in whole hours. */
    public int windowHours() {
        return (int) window.toHours();
    }

    /** {@code severity}, at most {@link #commonSeverity}. */
    public Severity damp(Severity severity) {
        return severity.compareTo(commonSeverity) > 0 ? commonSeverity : severity;
    }

    /** Reads the section (an empty map gives the defaults), recording every problem with its path and line. */
    public static PrevalenceSettings read(ConfigNode section, ConfigProblems problems) {
        PrevalenceSettings d = DEFAULT;
        boolean enabled = section.bool("enabled", d.enabled, problems);
        Duration window = section.duration("window", d.window, Duration.ofHours(1), problems);
        if (window.toMillis() % Duration.ofHours(1).toMillis() != 0 || window.compareTo(Duration.ofDays(30)) > 0) {
            problems.add(section.get("window"), "must be whole hours, at most 30d, got " + ConfigNode.format(window));
            window = d.window;
        }
        int commonAt = section.integer("commonAt", d.commonAt, 1, 1_000_000, problems);
        Severity commonSeverity = SuppressionRule.severity(section, "commonSeverity", problems);
        double factor = section.number("scoreFactor", d.scoreFactor, 0, 1, problems);
        List<String> detectors = d.detectors;
        if (section.get("detectors") != null) {
            detectors = section.strings("detectors", problems);
            for (String name : detectors) {
                if (!PER_DESTINATION.contains(name)) {
                    problems.add(section.get("detectors"), "unknown per-destination detector '" + name
                            + "' (known: " + String.join(", ", PER_DESTINATION) + ")");
                }
            }
            detectors = detectors.stream().filter(PER_DESTINATION::contains).toList();
        }
        int samples = section.integer("maxSamples", d.maxSamples, 0, 100, problems);
        section.rejectUnknownKeys(problems);
        return new PrevalenceSettings(enabled, window, commonAt,
                commonSeverity == null ? d.commonSeverity : commonSeverity, factor, detectors, samples);
    }
}
