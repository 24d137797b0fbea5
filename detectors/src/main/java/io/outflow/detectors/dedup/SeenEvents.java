package io.outflow.detectors.dedup;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.time.Instant;

/**
 * A bounded memory of the eventIds a state has absorbed, so that a duplicate delivery (Event Hubs delivers at least
 * once; equal records have equal eventIds) changes nothing.
 *
 * <p>Why remembering a short while is enough: an engine folds in only flows at or after the watermark. An eventId whose
 * event time is before the watermark can therefore never arrive again on time, so {@link #forgetBefore} drops it; what
 * is left is about {@code allowedLateness} worth of a key's flows. The memory is also capped ({@link #capacity}): past
 * the cap the entry with the earliest (time, id) goes first, and a duplicate of it would count twice. The cap is a
 * safety valve for a flooded key, not part of normal operation; {@link #evicted} counts how often it acted.
 *
 * <p>IDs are kept as their first 64 bits (hex eventIds) or a 64-bit hash of other text: a false duplicate needs two
 * different events of one key within the lateness to share 64 bits. They sit in a primitive set ({@link IdSet}) and a
 * (time, id) heap ({@link IdsByTime}): no boxing, no allocation per event once the arrays have grown.
 */
public final class SeenEvents {
    public static final int DEFAULT_CAPACITY = 16_384;

    private final int capacity;
    private final IdSet ids = new IdSet();
    private final IdsByTime byTime = new IdsByTime();
    private long evicted;

    public SeenEvents() {
        this(DEFAULT_CAPACITY);
    }

    public SeenEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Remembers the event; false when it was already seen (a duplicate: fold nothing). */
    public boolean add(String eventId, Instant time) {
        long id = idOf(eventId);
        if (!ids.add(id)) {
            return false;
        }
        byTime.push(time.toEpochMilli(), id);
        while (ids.size() > capacity) {
            removeEarliest();
            evicted++;
        }
        return true;
    }

    public boolean contains(String eventId) {
        return ids.contains(idOf(eventId));
    }

    /** Forgets events before the watermark: they can no longer be delivered on time. */
    public void forgetBefore(Instant watermark) {
        long limit = watermark.toEpochMilli();
        while (!byTime.isEmpty() && byTime.earliestTime() < limit) {
            removeEarliest();
        }
    }

    public int size() {
        return ids.size();
    }

    public int capacity() {
        return capacity;
    }

    /** How many entries the cap pushed out. */
    public long evicted() {
        return evicted;
    }

    public boolean isEmpty() {
        return ids.size() == 0;
    }

    /** The earliest remembered event time, when there is one. */
    public Instant earliest() {
        return byTime.isEmpty() ? null : Instant.ofEpochMilli(byTime.earliestTime());
    }

    private void removeEarliest() {
        ids.remove(byTime.earliestId());
        byTime.removeEarliest();
    }

    static long idOf(String eventId) {
        if (eventId.length() >= 16) {
            long value = 0;
            boolean hex = true;
            for (int i = 0; i < 16 && hex; i++) {
                int digit = Character.digit(eventId.charAt(i), 16);
                hex = digit >= 0;
                value = (value << 4) | (digit & 0xF);
            }
            if (hex) {
                return value;
            }
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            hash ^= eventId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** Writes entries sorted by (time, id), times as deltas, under tags 1 (time) and 2 (id), then 3 (evicted). */
    public void write(StateOutput out) {
        IdsByTime sorted = byTime.copy();
        long previous = 0;
        while (!sorted.isEmpty()) {
            out.writeLong(1, sorted.earliestTime() - previous);
            out.writeLong(2, sorted.earliestId());
            previous = sorted.earliestTime();
            sorted.removeEarliest();
        }
        if (evicted > 0) {
            out.writeLong(3, evicted);
        }
    }

    public static SeenEvents read(StateInput in, int capacity) {
        SeenEvents seen = new SeenEvents(capacity);
        long time = 0;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> time += in.readLong();
                case 2 -> {
                    long id = in.readLong();
                    if (seen.ids.add(id)) {
                        seen.byTime.push(time, id);
                    }
                }
                case 3 -> seen.evicted = in.readLong();
                default -> in.skip();
            }
        }
        while (seen.ids.size() > capacity) {
            seen.removeEarliest();
            seen.evicted++;
        }
        return seen;
    }
}
