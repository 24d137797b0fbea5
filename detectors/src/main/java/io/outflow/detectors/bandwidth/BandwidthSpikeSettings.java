package io.outflow.detectors.bandwidth;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The {@code detectors.bandwidth_spike} section. Every option, its default and its range are declared here once; the
 * detector's page ({@code docs/detectors/bandwidth_spike.md}) explains each.
 *
 * @param enabled whether the detector runs
 * @param window the tumbling window bytes are summed over (aligned to the epoch; divides a day)
 * @param timeZone the zone whose hours of the day make the daily profile (a nightly job at 02:00 local)
 * @param warmUp how long after a key's first flow it only learns
 * @param recentWindows how many past windows make the recent level (median and MAD)
 * @param seasonalDays how many past days make the daily profile (0: no seasonality)
 * @param seasonalNeighbourHours hours either side of the window's hour also looked at in the daily profile (a job
 *     that starts at 01:58 one night and 02:03 the next is the same job)
 * @param seasonalHeadroom how far above the largest window seen around this hour of the day bytes may go
 * @param sigma how many robust standard deviations (1.4826 · MAD) above the recent median bytes may go
 * @param relativeScaleFloor the robust standard deviation is at least this fraction of the median (steady traffic
 *     with a MAD of 0 must not alert on a few percent more)
 * @param minBytes bytes in a window below which nothing is raised (the absolute floor)
 * @param topDestinations destinations named in the evidence
 * @param maxDestinationsPerWindow destinations counted apart per window; the rest are summed as {@code other}
 * @param idleTtl a key without flows for this long is forgotten
 * @param cooldown spikes within this time after an alert revise it instead of raising a new one
 * @param mediumRatio bytes over threshold from which an alert is of medium severity (low below)
 * @param highRatio bytes over threshold from which an alert is of high severity
 */
public record BandwidthSpikeSettings(boolean enabled, Duration window, ZoneId timeZone, Duration warmUp,
                                     int recentWindows, int seasonalDays, int seasonalNeighbourHours,
                                     double seasonalHeadroom, double sigma, double relativeScaleFloor, long minBytes,
                                     int topDestinations, int maxDestinationsPerWindow, Duration idleTtl,
                                     Duration cooldown, double mediumRatio, double highRatio) {

    public static final BandwidthSpikeSettings DEFAULT = new BandwidthSpikeSettings(true, Duration.ofMinutes(15),
            ZoneId.of("UTC"), Duration.ofHours(24), 96, 7, 1, 1.5, 6.0, 0.5, 100_000_000L, 5, 256, Duration.ofDays(8),
            Duration.ofHours(6), 2.0, 4.0);

    /** Reads the section (an empty map gives the defaults), recording every problem with its path and line. */
    public static BandwidthSpikeSettings read(ConfigNode section, ConfigProblems problems) {
        BandwidthSpikeSettings d = DEFAULT;
        boolean enabled = section.bool("enabled", d.enabled, problems);
        Duration window = section.duration("window", d.window, Duration.ofMinutes(1), problems);
        ZoneId zone = d.timeZone;
        String zoneText = section.string("timeZone", null, problems);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText.strip());
            } catch (DateTimeException e) {
                problems.add(section.get("timeZone"), "must be a time zone such as UTC, Europe/Berlin or +02:00, got '"
                        + zoneText + "'");
            }
        }
        Duration warmUp = section.duration("warmUp", d.warmUp, Duration.ZERO, problems);
        int recent = section.integer("recentWindows", d.recentWindows, 4, 10_000, problems);
        int days = section.integer("seasonalDays", d.seasonalDays, 0, 35, problems);
        int neighbours = section.integer("seasonalNeighbourHours", d.seasonalNeighbourHours, 0, 3, problems);
        double headroom = section.number("seasonalHeadroom", d.seasonalHeadroom, 1, 1000, problems);
        double sigma = section.number("sigma", d.sigma, 1, 1000, problems);
        double scaleFloor = section.number("relativeScaleFloor", d.relativeScaleFloor, 0, 100, problems);
        long minBytes = section.longValue("minBytes", d.minBytes, 1, Long.MAX_VALUE / 4, problems);
        int top = section.integer("topDestinations", d.topDestinations, 1, 50, problems);
        int maxDestinations = section.integer("maxDestinationsPerWindow", d.maxDestinationsPerWindow, 8, 100_000,
                problems);
        Duration idleTtl = section.duration("idleTtl", d.idleTtl, Duration.ofHours(1), problems);
        Duration cooldown = section.duration("cooldown", d.cooldown, Duration.ZERO, problems);
        double medium = section.number("mediumRatio", d.mediumRatio, 1, 1000, problems);
        double high = section.number("highRatio", d.highRatio, 1, 1000, problems);

        long dayMillis = Duration.ofDays(1).toMillis();
        if (window.toMillis() > dayMillis || dayMillis % window.toMillis() != 0
                || (window.toMillis() < Duration.ofHours(1).toMillis()
                    && Duration.ofHours(1).toMillis() % window.toMillis() != 0)) {
            problem(section, "window", "must divide a day (and, below an hour, an hour) into equal windows such as "
                    + "5m, 15m, 1h or 3h, got " + ConfigNode.format(window), problems);
            window = d.window;
        }
        if (high < medium) {
            problem(section, "highRatio", "must be ≥ mediumRatio (" + medium + "), got " + high, problems);
            high = medium;
        }
        Duration history = Duration.ofDays(days).plus(window);
        if (days > 0 && idleTtl.compareTo(history) < 0) {
            problem(section, "idleTtl", "must be ≥ seasonalDays (" + days + "d) plus a window, or the daily profile "
                    + "is forgotten before it is used, got " + ConfigNode.format(idleTtl), problems);
            idleTtl = history;
        }
        section.rejectUnknownKeys(problems);
        return new BandwidthSpikeSettings(enabled, window, zone, warmUp, recent, days, neighbours, headroom, sigma,
                scaleFloor, minBytes, top, maxDestinations, idleTtl, cooldown, medium, high);
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
