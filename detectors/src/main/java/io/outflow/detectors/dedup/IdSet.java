package io.outflow.detectors.dedup;

/**
 * A set of 64-bit ids without boxing: open addressing with linear probing, at most half full, deletion by shifting
 * the following entries back (no tombstones, so lookups stay short however many ids come and go). The table halves
 * when an eighth full, so a key's memory shrinks back after a burst.
 */
final class IdSet {
    private static final int MIN_SLOTS = 16;
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    /** 0 marks an empty slot; the id 0 itself is kept in {@link #containsZero}. */
    private long[] slots = new long[MIN_SLOTS];
    private int shift = 64 - Integer.numberOfTrailingZeros(MIN_SLOTS);
    private boolean containsZero;
    private int size;

    /** Adds the id; false when it was already there. */
    boolean add(long id) {
        if (id == 0) {
            if (containsZero) {
                return false;
            }
            containsZero = true;
            size++;
            return true;
        }
        int mask = slots.length - 1;
        int i = home(id);
        while (slots[i] != 0) {
            if (slots[i] == id) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = id;
        size++;
        if (size * 2 > slots.length) {
            resize(slots.length * 2);
        }
        return true;
    }

    boolean contains(long id) {
        if (id == 0) {
            return containsZero;
        }
        return find(id) >= 0;
    }

    /** Removes the id; false when it was not there. */
    boolean remove(long id) {
        if (id == 0) {
            if (!containsZero) {
                return false;
            }
            containsZero = false;
            size--;
            return true;
        }
        int hole = find(id);
        if (hole < 0) {
            return false;
        }
        int mask = slots.length - 1;
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            // an entry may fill the hole when the hole lies between its home slot and where it sits
            if (((j - home(slots[j])) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        size--;
        if (slots.length > MIN_SLOTS && size * 8 < slots.length) {
            resize(slots.length / 2);
        }
        return true;
    }

    int size() {
        return size;
    }

    /** Slots allocated (memory, for tests). */
    int tableLength() {
        return slots.length;
    }

    private int find(long id) {
        int mask = slots.length - 1;
        for (int i = home(id); slots[i] != 0; i = (i + 1) & mask) {
            if (slots[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private int home(long id) {
        return (int) ((id * SPREAD) >>> shift);
    }

    private void resize(int length) {
        long[] old = slots;
        slots = new long[length];
        shift = 64 - Integer.numberOfTrailingZeros(length);
        int mask = slots.length - 1;
        for (long id : old) {
            if (id != 0) {
                int i = home(id);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = id;
            }
        }
    }
}
