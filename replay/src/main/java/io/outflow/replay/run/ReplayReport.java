package io.outflow.replay.run;

import io.outflow.replay.job.Counts;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay did, from the job's counters: entries per category and outcome, flows replayed, late flows and alerts
 * per detector, throughput.
 */
public record ReplayReport(Map<String, Long> counts, long flows, long bytesRead, List<String> failures,
                           Duration elapsed, String alertsTarget, String quarantineTarget, String lateTarget) {

    public ReplayReport {
        counts = new TreeMap<>(counts);
        failures = List.copyOf(failures);
    }

    public Map<String, Long> group(String group) {
        return Counts.group(counts, group);
    }

    public long total(String group) {
        return group(group).values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> alertsByDetector() {
        return group("alerts");
    }

    public Map<String, Long> lateByDetector() {
        return group("late");
    }

    /** Alerts dropped per allowlist entry or suppression rule. */
    public Map<String, Long> suppressedByRule() {
        return group("suppressed");
    }

    public long alerts() {
        return total("alerts");
    }

    public double flowsPerSecond() {
        return flows / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /** The summary on stderr. */
    public void print(PrintStream err) {
        Map<String, Long> entries = group("entries");
        Map<String, Long> events = group("events");
        Map<String, Long> quarantined = group("quarantined");
        Map<String, Long> ignored = group("ignored");
        err.printf("%-34s %10s %10s %12s %10s%n", "category", "entries", "events", "quarantined", "ignored");
        entries.forEach((category, n) -> err.printf("%-34s %10d %10d %12d %10d%n", category, n,
                events.getOrDefault(category, 0L), quarantined.getOrDefault(category, 0L),
                ignored.getOrDefault(category, 0L)));
        err.printf("%-34s %10d %10d %12d %10d%n", "total", total("entries"), total("events"), total("quarantined"),
                total("ignored"));
        long outside = counts.getOrDefault("input/outsideRange", 0L);
        if (outside > 0) {
            err.printf("events outside --from/--to: %d%n", outside);
        }
        err.printf("flows replayed: %d; late (per detector): %s%n", flows, describe(lateByDetector()));
        err.printf("alerts: %d %s%n", alerts(), describe(alertsByDetector()));
        if (!suppressedByRule().isEmpty()) {
            err.printf("suppressed by allowlist entries and rules: %s%n", describe(suppressedByRule()));
        }
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        err.printf("read %d file(s), %.1f MB in %.2f s: %.0f flows/s, %.1f MB/s%n",
                counts.getOrDefault("input/files", 0L), bytesRead / 1e6, seconds, flowsPerSecond(),
                bytesRead / 1e6 / seconds);
        err.printf("alerts: %s; quarantine: %s; late flows: %s%n", alertsTarget, quarantineTarget, lateTarget);
        for (String failure : failures) {
            err.println("cannot read " + failure);
        }
    }

    private static String describe(Map<String, Long> byDetector) {
        StringBuilder out = new StringBuilder("(");
        byDetector.forEach((detector, n) -> out.append(out.length() > 1 ? ", " : "").append(detector).append(' ')
                .append(n));
        return out.append(')').toString();
    }
}
