package io.outflow.enrichment.history;

import io.outflow.enrichment.timeline.IdentityTimeline;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads history files into a timeline and pins each cluster's span: over history files, a lookup inside the span
 * the files cover never answers {@code expired}, whatever the watermark.
 */
public final class IdentityHistory {
    private IdentityHistory() {
    }

    /** Reads every source into {@code timeline}; returns the tallies. Stops at the first unreadable file. */
    public static HistoryCounts load(List<HistorySource> sources, IdentityTimeline timeline, AddressFilter filter)
            throws IOException {
        HistoryReader reader = new HistoryReader(filter);
        HistoryCounts counts = new HistoryCounts();
        Map<String, long[]> spans = new HashMap<>();
        for (HistorySource source : sources) {
            reader.read(source, change -> {
                timeline.apply(change);
                long[] span = spans.computeIfAbsent(change.getCluster(), c -> new long[] {Long.MAX_VALUE,
                    Long.MIN_VALUE});
                widen(span, change.getCreationTime());
                widen(span, change.getDeletionTime());
                widen(span, change.getObservedAt());
                if (change.getPod() != null) {
                    widen(span, change.getPod().getStartTime());
                    widen(span, change.getPod().getFinishedAt());
                    widen(span, change.getPod().getLastTransitionTime());
                }
            }, counts);
        }
        spans.forEach((cluster, span) -> timeline.pin(cluster, span[0], span[1]));
        return counts;
    }

    private static void widen(long[] span, java.time.Instant instant) {
        if (instant != null) {
            span[0] = Math.min(span[0], instant.toEpochMilli());
            span[1] = Math.max(span[1], instant.toEpochMilli());
        }
    }
}
