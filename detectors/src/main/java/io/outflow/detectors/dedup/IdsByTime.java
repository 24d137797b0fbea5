package io.outflow.detectors.dedup;

import java.util.Arrays;

/** (time, id) pairs as a binary min-heap over two long arrays: the earliest pair (then the smaller id) on top. */
final class IdsByTime {
    private long[] times = new long[16];
    private long[] ids = new long[16];
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
    }

    IdsByTime copy() {
        IdsByTime copy = new IdsByTime();
        copy.times = Arrays.copyOf(times, Math.max(1, size));
        copy.ids = Arrays.copyOf(ids, Math.max(1, size));
        copy.size = size;
        return copy;
    }

    private static boolean before(long time, long id, long otherTime, long otherId) {
        return time != otherTime ? time < otherTime : id < otherId;
    }
}
