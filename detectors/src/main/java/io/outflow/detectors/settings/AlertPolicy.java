package io.outflow.detectors.settings;

import io.outflow.detectors.run.AlertReview;
import io.outflow.schemas.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Allowlists, suppression rules and severity overrides, applied to every alert as it leaves an engine. In order:
 * <ol>
 *   <li>the first allowlist entry (configured entries in file order, then the built-in profile) that covers the alert
 *       and has not expired at the alert's {@code windowEnd} drops it;</li>
 *   <li>then the first such suppression rule drops it;</li>
 *   <li>then the first such severity override sets its severity.</li>
 * </ol>
 * The decision is a pure function of the alert and the configuration, so every engine drops the same alerts. Counts
 * (for metrics and the backtest report; safe to read from another thread): per entry, how many alerts (revision 1)
 * and revisions it dropped, and how many it would have dropped had it not expired.
 */
public final class AlertPolicy implements AlertReview {
    /** What a rule did: new alerts and later revisions it dropped, and drops it missed because it had expired. */
    public record Tally(long alerts, long revisions, long expiredMatches) {
    }

    private final List<AllowlistEntry> allowlist;
    private final List<SuppressionRule> suppressions;
    private final List<SeverityOverride> overrides;
    private final Map<String, LongAdder[]> tallies = new ConcurrentHashMap<>();

    public AlertPolicy(List<AllowlistEntry> allowlist, List<SuppressionRule> suppressions,
                       List<SeverityOverride> overrides) {
        this.allowlist = List.copyOf(allowlist);
        this.suppressions = List.copyOf(suppressions);
        this.overrides = List.copyOf(overrides);
    }

    @Override
    public Optional<Alert> review(Alert alert) {
        Instant at = alert.getWindowEnd();
        for (AllowlistEntry entry : allowlist) {
            if (entry.covers(alert)) {
                if (entry.expiredAt(at)) {
                    count(entry.id(), 2);
                    continue;
                }
                count(entry.id(), alert.getRevision() <= 1 ? 0 : 1);
                return Optional.empty();
            }
        }
        for (SuppressionRule rule : suppressions) {
            if (rule.covers(alert)) {
                if (rule.expiredAt(at)) {
                    count(rule.id(), 2);
                    continue;
                }
                count(rule.id(), alert.getRevision() <= 1 ? 0 : 1);
                return Optional.empty();
            }
        }
        for (SeverityOverride override : overrides) {
            if (override.covers(alert) && !override.expiredAt(at)) {
                if (override.severity() == alert.getSeverity()) {
                    return Optional.of(alert);
                }
                return Optional.of(Alert.newBuilder(alert).setSeverity(override.severity()).build());
            }
        }
        return Optional.of(alert);
    }

    /** The tally of every rule that did something, by rule ID, sorted. */
    public Map<String, Tally> tallies() {
        Map<String, Tally> out = new TreeMap<>();
        tallies.forEach((id, counts) -> out.put(id, new Tally(counts[0].sum(), counts[1].sum(), counts[2].sum())));
        return out;
    }

    public List<AllowlistEntry> allowlist() {
        return allowlist;
    }

    public List<SuppressionRule> suppressions() {
        return suppressions;
    }

    public List<SeverityOverride> overrides() {
        return overrides;
    }

    private void count(String id, int which) {
        tallies.computeIfAbsent(id, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()})[which]
                .increment();
    }
}
