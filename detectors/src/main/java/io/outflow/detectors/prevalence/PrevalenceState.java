package io.outflow.detectors.prevalence;

import io.outflow.schemas.Alert;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of one (cluster, destination): the hours in which each source contacted it, and the alerts about it
 * that wait for their hour's count to be final. Owned by the engine between calls.
 */
public final class PrevalenceState {
    /** Held alerts in release order: the time their count is final, then alertId, then revision. */
    static final Comparator<Held> RELEASE_ORDER = Comparator.comparingLong(Held::readyAt)
            .thenComparing(h -> h.alert().getAlertId()).thenComparingInt(h -> h.alert().getRevision());

    /** An alert waiting for the watermark to pass {@code readyAt} (epoch ms): the start of its windowEnd's hour. */
    record Held(long readyAt, Alert alert) {
    }

    final TreeMap<String, ContactHours> sources = new TreeMap<>();
    final TreeSet<Held> held = new TreeSet<>(RELEASE_ORDER);

    boolean isEmpty() {
        return sources.isEmpty() && held.isEmpty();
    }

    /** Sources remembered (tests and diagnostics). */
    public int sourceCount() {
        return sources.size();
    }

    /** Alerts waiting (tests and diagnostics). */
    public int heldCount() {
        return held.size();
    }
}
