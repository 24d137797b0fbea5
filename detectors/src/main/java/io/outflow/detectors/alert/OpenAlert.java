package io.outflow.detectors.alert;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.time.Duration;
import java.time.Instant;

/**
 * The revision bookkeeping of one alert, a small piece of state a detector embeds per alert entity. DESIGN.md: a
 * repeat within the detector's cooldown re-emits the same alertId with revision + 1 and a wider windowEnd instead of
 * raising a new alert. The rule, in event time: a finding over {@code [start, end]} revises the open alert when
 * {@code start ≤ windowEnd + cooldown}; otherwise it opens a new alert (revision 1, new windowStart, hence a new
 * alertId). The alert can be forgotten once the watermark passes {@code windowEnd + cooldown} ({@link #closesAt}).
 * Detectors must present findings in event-time order (they do when they close windows in order within
 * {@code advance}), which makes revisions independent of how the watermark advanced.
 *
 * @param windowStart the first revision's window start: the alertId derives from it
 * @param windowEnd the widest window end so far
 * @param revision 1 for a new alert
 */
public record OpenAlert(Instant windowStart, Instant windowEnd, int revision) {

    /** What to emit for a finding over {@code [start, end]}, given the entity's open alert (or null). */
    public static OpenAlert next(OpenAlert openOrNull, Instant start, Instant end, Duration cooldown) {
        if (openOrNull != null && !start.isAfter(openOrNull.windowEnd.plus(cooldown))) {
            Instant widened = end.isAfter(openOrNull.windowEnd) ? end : openOrNull.windowEnd;
            return new OpenAlert(openOrNull.windowStart, widened, openOrNull.revision + 1);
        }
        return new OpenAlert(start, end, 1);
    }

    /** When a finding would no longer revise this alert (and the record can be dropped). */
    public Instant closesAt(Duration cooldown) {
        return windowEnd.plus(cooldown);
    }

    public void write(StateOutput out) {
        out.writeInstant(1, windowStart).writeInstant(2, windowEnd).writeInt(3, revision);
    }

    public static OpenAlert read(StateInput in) {
        Instant start = Instant.EPOCH;
        Instant end = Instant.EPOCH;
        int revision = 1;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> start = in.readInstant();
                case 2 -> end = in.readInstant();
                case 3 -> revision = in.readInt();
                default -> in.skip();
            }
        }
        return new OpenAlert(start, end, revision);
    }
}
