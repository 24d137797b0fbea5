package io.outflow.enrichment.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a cluster's informers run.
 *
 * @param resyncPeriod how often each informer re-delivers its whole cache as MODIFIED changes (same
 *     resourceVersion): a periodic restatement of the current state, harmless to the compacted topic and to the
 *     timeline, which ignore a change they already hold; {@link Duration#ZERO} turns it off
 * @param maxOutage how long an informer may stay without a working watch (reconnecting, relisting after an error)
 *     before the source gives up and fails: past this the cache would be silently stale
 * @param checkInterval how often the outage of each informer is checked
 */
public record SourceSettings(Duration resyncPeriod, Duration maxOutage, Duration checkInterval) {
    public static final SourceSettings DEFAULTS =
            new SourceSettings(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(5));

    public SourceSettings {
        List<String> problems = new ArrayList<>();
        if (resyncPeriod == null || resyncPeriod.isNegative()) {
            problems.add("resyncPeriod must be zero (off) or positive, got " + resyncPeriod);
        } else if (!resyncPeriod.isZero() && resyncPeriod.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("resyncPeriod must be at least 1s when on, got " + resyncPeriod);
        }
        if (maxOutage == null || maxOutage.isNegative() || maxOutage.isZero()) {
            problems.add("maxOutage must be positive, got " + maxOutage);
        }
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            problems.add("checkInterval must be positive, got " + checkInterval);
        } else if (maxOutage != null && checkInterval.compareTo(maxOutage) > 0) {
            problems.add("checkInterval (" + checkInterval + ") must not exceed maxOutage (" + maxOutage + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public SourceSettings withResyncPeriod(Duration period) {
        return new SourceSettings(period, maxOutage, checkInterval);
    }

    public SourceSettings withMaxOutage(Duration outage, Duration interval) {
        return new SourceSettings(resyncPeriod, outage, interval);
    }
}
