package io.outflow.detectors.alert;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The open alerts of one state, by alert entity (for detectors whose state covers several entities, such as one alert
 * per destination of a workload). Mutable; encoded sorted by entity.
 */
public final class OpenAlerts {
    private final TreeMap<String, OpenAlert> byEntity = new TreeMap<>();

    /** Records a finding of {@code entity} over {@code [start, end]} and returns the revision to emit. */
    public OpenAlert record(String entity, Instant start, Instant end, Duration cooldown) {
        OpenAlert next = OpenAlert.next(byEntity.get(entity), start, end, cooldown);
        byEntity.put(entity, next);
        return next;
    }

    /**
     * Widens the open alert of {@code entity} to {@code end} without a new revision (a repeat that a detector folds
     * into the next revision instead of emitting it now); the cooldown then runs from the wider end. Returns the
     * widened alert, or empty when none is open.
     */
    public Optional<OpenAlert> extend(String entity, Instant end) {
        OpenAlert open = byEntity.get(entity);
        if (open == null) {
            return Optional.empty();
        }
        OpenAlert widened = end.isAfter(open.windowEnd())
                ? new OpenAlert(open.windowStart(), end, open.revision()) : open;
        byEntity.put(entity, widened);
        return Optional.of(widened);
    }

    public Optional<OpenAlert> get(String entity) {
        return Optional.ofNullable(byEntity.get(entity));
    }

    /**
     * Forgets alerts whose cooldown ended before {@code horizon}: the earliest start any finding not yet presented
     * can have. For a windowed detector that is the start of the window holding the watermark (a flow at the
     * watermark is still on time and lands there), or of an earlier window still waiting (for the connection ledger,
     * say). Passing the bare watermark would forget an alert that a later, on-time flow should revise, and the result
     * would depend on how the watermark advanced.
     */
    public void expire(Instant horizon, Duration cooldown) {
        Iterator<Map.Entry<String, OpenAlert>> it = byEntity.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().closesAt(cooldown).isBefore(horizon)) {
                it.remove();
            }
        }
    }

    /** The earliest time an open alert can be forgotten (a deadline for the engine). */
    public Optional<Instant> nextExpiry(Duration cooldown) {
        Instant earliest = null;
        for (OpenAlert open : byEntity.values()) {
            Instant at = open.closesAt(cooldown);
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
        }
        return Optional.ofNullable(earliest);
    }

    public boolean isEmpty() {
        return byEntity.isEmpty();
    }

    public int size() {
        return byEntity.size();
    }

    /** Writes one nested message per entity under {@code tag}. */
    public void write(StateOutput out, int tag) {
        for (Map.Entry<String, OpenAlert> entry : byEntity.entrySet()) {
            out.writeMessage(tag, m -> {
                m.writeString(1, entry.getKey());
                m.writeMessage(2, entry.getValue()::write);
            });
        }
    }

    /** Reads one entry written by {@link #write} (call once per occurrence of the tag). */
    public void readEntry(StateInput in) {
        String entity = null;
        OpenAlert open = null;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> entity = in.readString();
                case 2 -> open = OpenAlert.read(in.readMessage());
                default -> in.skip();
            }
        }
        if (entity != null && open != null) {
            byEntity.put(entity, open);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenAlerts other && byEntity.equals(other.byEntity);
    }

    @Override
    public int hashCode() {
        return byEntity.hashCode();
    }
}
