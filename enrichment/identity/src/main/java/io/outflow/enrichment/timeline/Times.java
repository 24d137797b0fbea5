package io.outflow.enrichment.timeline;

/** Sentinels of the timeline's epoch-millisecond times. */
final class Times {
    /** No end known yet: the assignment is current. */
    static final long OPEN = Long.MAX_VALUE;
    /** No time known. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private Times() {
    }

    /** Epoch milliseconds of an optional instant, {@link #UNKNOWN} when absent. */
    static long millis(java.time.Instant instant) {
        return instant == null ? UNKNOWN : instant.toEpochMilli();
    }

    static java.time.Instant instant(long millis) {
        return millis == UNKNOWN || millis == OPEN ? null : java.time.Instant.ofEpochMilli(millis);
    }
}
