package io.outflow.replay.order;

import java.io.Serializable;
import java.time.Instant;

/** The {@code --from/--to} bounds of a replay, as [from, to) in epoch milliseconds; open ends when absent. */
public record TimeRange(long fromMillis, long toMillis) implements Serializable {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (fromMillis >= toMillis) {
            throw new IllegalArgumentException("--from must be before --to");
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                to == null ? Long.MAX_VALUE : to.toEpochMilli());
    }

    public boolean contains(long millis) {
        return millis >= fromMillis && millis < toMillis;
    }

    public boolean isAll() {
        return fromMillis == Long.MIN_VALUE && toMillis == Long.MAX_VALUE;
    }
}
