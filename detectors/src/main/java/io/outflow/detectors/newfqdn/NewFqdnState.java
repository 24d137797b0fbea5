package io.outflow.detectors.newfqdn;

import io.outflow.detectors.alert.OpenAlerts;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The new_fqdn state of one workload (node, source address): the windows not yet judged, the registered domains it is
 * known to contact (first and last contact), the start of its current lifetime (first observed traffic after a
 * silence longer than {@code forgetAfter}) and its open alerts. Mutable; owned by the engine between calls.
 */
public final class NewFqdnState {
    String entity;
    /** First event time of the current lifetime (set when its first window is judged); null before. */
    Instant lifetimeStart;
    /** Last event time of the judged windows. */
    Instant lastJudged;
    /** Registered domain → {first contact, last contact} in epoch ms, of judged windows. */
    final TreeMap<String, long[]> domains = new TreeMap<>();
    /** Window index → traffic of that window. */
    final TreeMap<Long, Window> windows = new TreeMap<>();
    final OpenAlerts open = new OpenAlerts();
    Instant cleanupAt;

    /** One window: when the workload had traffic at all, and its contacts per registered domain. */
    static final class Window {
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        final TreeMap<String, Contact> contacts = new TreeMap<>();
    }
}
