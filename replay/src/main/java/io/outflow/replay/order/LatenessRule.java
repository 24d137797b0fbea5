package io.outflow.replay.order;

import java.time.Duration;

/**
 * DESIGN.md's time rule: the watermark is the largest event time seen minus the allowed lateness, and a flow whose
 * time is behind the watermark when it arrives is late. Applied to the merged input in one place, in input order,
 * so the classification is the same at any parallelism.
 */
public final class LatenessRule {
    /** The watermark before any flow has been seen: nothing is late yet. */
    public static final long NO_WATERMARK = Long.MIN_VALUE;

    private final long latenessMillis;
    private long maxSeen = Long.MIN_VALUE;

    public LatenessRule(Duration allowedLateness) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        this.latenessMillis = allowedLateness.toMillis();
    }

    /** Whether a flow of this event time, arriving now, is late. */
    public boolean isLate(long eventTimeMillis) {
        return eventTimeMillis < watermark();
    }

    /** Takes a flow's time into account (late flows too: they still prove time has passed elsewhere). */
    public void observe(long eventTimeMillis) {
        if (eventTimeMillis > maxSeen) {
            maxSeen = eventTimeMillis;
        }
    }

    public long watermark() {
        return maxSeen == Long.MIN_VALUE ? NO_WATERMARK : maxSeen - latenessMillis;
    }
}
