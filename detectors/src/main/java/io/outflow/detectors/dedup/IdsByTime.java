package io.outflow.detectors.dedup;

import java.util.Arrays;

/**
 * (time, id) pairs as a binary min-heap over two long arrays: the earliest pair (then the smaller id) on top. The
 * arrays halve when a quarter full, so a key's memory shrinks back after a burst.
 */
final class IdsByTime {
    private static final int MIN_LENGTH = 16;

    private long[] times = new long[MIN_LENGTH];
    private long[] ids = new long[MIN_LENGTH];
    private int size;

    void push(long time, long id) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, id, times[parent], ids[parent])) {
                break;
            }
            times[i] = times[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        times[i] = time;
        ids[i] = id;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Pairs allocated (memory, for tests). */
    int arrayLength() {
        return times.length;
    }

    long earliestTime() {
        return times[0];
    }

    long earliestId() {
        return ids[0];
    }

    void removeEarliest() {
        size--;
        long time = times[size];
        long id = ids[size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(times[child + 1], ids[child + 1], times[child], ids[child])) {
                child++;
            }
            if (!before(times[child], ids[child], time, id)) {
                break;
            }
            times[i] = times[child];
            ids[i] = ids[child];
            i = child;
        }
        times[i] = time;
        ids[i] = id;
        if (times.length > MIN_LENGTH && size * 4 < times.length) {
            times = Arrays.copyOf(times, times.length / 2);
            ids = Arrays.copyOf(ids, ids.length / 2);
        }
    }

    IdsByTime copy() {
        IdsByTime copy = new IdsByTime();
        copy.times = Arrays.copyOf(times, times.length);
        copy.ids = Arrays.copyOf(ids, ids.length);
        copy.size = size;
        return copy;
    }

    private static boolean before(long time, long id, long otherTime, long otherId) {
        return time != otherTime ? time < otherTime : id < otherId;
    }
}
