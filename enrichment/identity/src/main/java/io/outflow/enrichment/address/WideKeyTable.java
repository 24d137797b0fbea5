package io.outflow.enrichment.address;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A hash table from 128-bit keys (an IPv6 address, a UUID) to values, with open addressing and linear probing:
 * two {@code long}s and a reference per slot, no entry objects, no boxing. Values are never null (a null value
 * marks a free slot). Not thread-safe.
 */
public final class WideKeyTable<V> {
    private static final int MIN_CAPACITY = 16;

    private long[] highs;
    private long[] lows;
    private Object[] values;
    private int size;

    public WideKeyTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        highs = new long[capacity];
        lows = new long[capacity];
        values = new Object[capacity];
    }

    static int mix(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    @SuppressWarnings("unchecked")
    public V get(long high, long low) {
        int mask = values.length - 1;
        int i = mix(high, low) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (highs[i] == high && lows[i] == low) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Stores {@code value} (not null) under the key; returns the previous value or null. */
    @SuppressWarnings("unchecked")
    public V put(long high, long low, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        if ((size + 1) * 4L > values.length * 3L) {
            grow();
        }
        int mask = values.length - 1;
        int i = mix(high, low) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (highs[i] == high && lows[i] == low) {
                values[i] = value;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        highs[i] = high;
        lows[i] = low;
        values[i] = value;
        size++;
        return null;
    }

    /** Removes the key; returns its value or null. Later entries of the probe run shift back (no tombstones). */
    @SuppressWarnings("unchecked")
    public V remove(long high, long low) {
        int mask = values.length - 1;
        int i = mix(high, low) & mask;
        Object v;
        while ((v = values[i]) != null) {
            if (highs[i] == high && lows[i] == low) {
                shiftBack(i, mask);
                size--;
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole, int mask) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = mix(highs[i], lows[i]) & mask;
            // move entry i into the hole when its home is not in (hole, i] (cyclically)
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                highs[hole] = highs[i];
                lows[hole] = lows[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
        highs[hole] = 0;
        lows[hole] = 0;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        Object[] oldValues = values;
        allocate(oldValues.length * 2);
        int mask = values.length - 1;
        for (int j = 0; j < oldValues.length; j++) {
            if (oldValues[j] != null) {
                int i = mix(oldHighs[j], oldLows[j]) & mask;
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                highs[i] = oldHighs[j];
                lows[i] = oldLows[j];
                values[i] = oldValues[j];
            }
        }
    }

    public int size() {
        return size;
    }

    /** Every value, in table order; the table must not change meanwhile. */
    @SuppressWarnings("unchecked")
    public void forEachValue(Consumer<V> action) {
        for (Object v : values) {
            if (v != null) {
                action.accept((V) v);
            }
        }
    }

    /** A snapshot of the values, which may be changed while walking it. */
    @SuppressWarnings("unchecked")
    public List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }
}
