package io.outflow.detectors.newfqdn;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import java.time.Duration;

/**
 * The {@code detectors.new_fqdn} section. Every option, its default and its range are declared here once;
 * {@code docs/detectors/new_fqdn.md} explains each.
 *
 * @param enabled whether the detector runs
 * @param window contacts are gathered per window of this length (aligned to the epoch) and judged when it closes
 * @param learningPeriod how long after a workload's first observed traffic it only learns (a replay that starts today
 *     learns from today)
 * @param forgetAfter a domain not contacted for this long is forgotten (its next contact is new again); a workload
 *     without traffic for this long is forgotten and learns again
 * @param maxDomainsPerWorkload registered domains remembered per workload; past it the least recently contacted goes
 * @param cooldown another finding for the same workload and domain within this time revises the alert
 * @param includeDenied whether contacts the firewall denied count (they show what the workload tried)
 * @param score the alert score of a first contact (severity low below {@code mediumScore})
 * @param deniedScore the score when every contact of the window was denied
 * @param mediumScore the score from which an alert is of medium severity
 * @param maxSamples destination names, addresses and pods named in the evidence
 */
public record NewFqdnSettings(boolean enabled, Duration window, Duration learningPeriod, Duration forgetAfter,
                              int maxDomainsPerWorkload, Duration cooldown, boolean includeDenied, double score,
                              double deniedScore, double mediumScore, int maxSamples) {

    public static final NewFqdnSettings DEFAULT = new NewFqdnSettings(true, Duration.ofMinutes(5),
            Duration.ofDays(7), Duration.ofDays(30), 4096, Duration.ofHours(24), true, 0.5, 0.4, 0.7, 10);

    /** Reads the section (an empty map gives the defaults), recording every problem with its path and line. */
    public static NewFqdnSettings read(ConfigNode section, ConfigProblems problems) {
        NewFqdnSettings d = DEFAULT;
        boolean enabled = section.bool("enabled", d.enabled, problems);
        Duration window = section.duration("window", d.window, Duration.ofMinutes(1), problems);
        Duration learning = section.duration("learningPeriod", d.learningPeriod, Duration.ZERO, problems);
        Duration forget = section.duration("forgetAfter", d.forgetAfter, Duration.ofHours(1), problems);
        int maxDomains = section.integer("maxDomainsPerWorkload", d.maxDomainsPerWorkload, 16, 1_000_000, problems);
        Duration cooldown = section.duration("cooldown", d.cooldown, Duration.ZERO, problems);
        boolean includeDenied = section.bool("includeDenied", d.includeDenied, problems);
        double score = section.number("score", d.score, 0, 1, problems);
        double denied = section.number("deniedScore", d.deniedScore, 0, 1, problems);
        double medium = section.number("mediumScore", d.mediumScore, 0, 1, problems);
        int samples = section.integer("maxSamples", d.maxSamples, 1, 100, problems);
        if (forget.compareTo(window) < 0) {
            String message = "must be ≥ window (" + ConfigNode.format(window) + "), got " + ConfigNode.format(forget);
            ConfigNode at = section.get("forgetAfter");
            if (at != null) {
                problems.add(at, message);
            } else {
                problems.add(section.childPath("forgetAfter"), message, section.file(), section.line());
            }
            forget = window;
        }
        section.rejectUnknownKeys(problems);
        return new NewFqdnSettings(enabled, window, learning, forget, maxDomains, cooldown, includeDenied, score,
                denied, medium, samples);
    }
}
