package io.outflow.detectors.bandwidth;

import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.dedup.SeenEvents;
import java.util.TreeMap;

/**
 * One key's bandwidth state: the open windows (by start, epoch milliseconds), the history of closed ones, when the key
 * was first and last seen, the eventIds absorbed within the lateness (duplicates) and the open alert. Mutable, owned
 * by the engine between calls. Bounded: open windows span at most the allowed lateness plus one window, the history is
 * fixed-size ({@link TrafficHistory}), the eventId memory is capped ({@link SeenEvents}).
 */
public final class BandwidthState {
    final TreeMap<Long, ByteWindow> open = new TreeMap<>();
    final TrafficHistory history;
    final SeenEvents seen;
    /** The alert entity of the key ({@link io.outflow.detectors.entity.SourceEntity#id}); all its flows share it. */
    String entity;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    OpenAlert alert;
    /** Flows folded in since the key appeared (for the evidence and tests). */
    long flows;

    BandwidthState(TrafficHistory history, SeenEvents seen) {
        this.history = history;
        this.seen = seen;
    }

    /** Bytes in the open windows, summed (tests and diagnostics). */
    public long openBytes() {
        long sum = 0;
        for (ByteWindow w : open.values()) {
            sum += w.bytes;
        }
        return sum;
    }

    public int openWindows() {
        return open.size();
    }
}
