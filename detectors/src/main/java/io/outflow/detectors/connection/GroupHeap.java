package io.outflow.detectors.connection;

import java.util.Arrays;

/**
 * Groups by a time (epoch ms), ties by tuple text: a binary min-heap over a long array and a group array, so a push
 * allocates nothing. The arrays halve when a quarter full (memory shrinks back after a flood). The ledger keeps its
 * entries lazily (a key may lag its group's time), see {@link ConnectionLedger}.
 */
final class GroupHeap {
    private static final int MIN_LENGTH = 16;

    private long[] keys = new long[MIN_LENGTH];
    private Group[] groups = new Group[MIN_LENGTH];
    private int size;

    void push(long key, Group group) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            groups = Arrays.copyOf(groups, size * 2);
        }
        siftUp(size++, key, group);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long topKey() {
        return keys[0];
    }

    Group top() {
        return groups[0];
    }

    void pop() {
        size--;
        long key = keys[size];
        Group group = groups[size];
        groups[size] = null;
        if (size > 0) {
            siftDown(0, key, group);
        }
        if (keys.length > MIN_LENGTH && size * 4 < keys.length) {
            keys = Arrays.copyOf(keys, keys.length / 2);
            groups = Arrays.copyOf(groups, groups.length / 2);
        }
    }

    /** Entries allocated (memory, for tests). */
    int arrayLength() {
        return keys.length;
    }

    /** Which entries {@link #retain} keeps. */
    interface EntryFilter {
        boolean keep(long key, Group group);
    }

    /** Drops the entries that {@code filter} rejects, in one pass. */
    void retain(EntryFilter filter) {
        long[] oldKeys = keys;
        Group[] oldGroups = groups;
        int oldSize = size;
        keys = new long[MIN_LENGTH];
        groups = new Group[keys.length];
        size = 0;
        for (int i = 0; i < oldSize; i++) {
            if (filter.keep(oldKeys[i], oldGroups[i])) {
                push(oldKeys[i], oldGroups[i]);
            }
        }
    }

    private void siftUp(int at, long key, Group group) {
        int i = at;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(key, group, keys[parent], groups[parent])) {
                break;
            }
            keys[i] = keys[parent];
            groups[i] = groups[parent];
            i = parent;
        }
        keys[i] = key;
        groups[i] = group;
    }

    private void siftDown(int at, long key, Group group) {
        int i = at;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(keys[child + 1], groups[child + 1], keys[child], groups[child])) {
                child++;
            }
            if (!before(keys[child], groups[child], key, group)) {
                break;
            }
            keys[i] = keys[child];
            groups[i] = groups[child];
            i = child;
        }
        keys[i] = key;
        groups[i] = group;
    }

    private static boolean before(long key, Group group, long otherKey, Group other) {
        if (key != otherKey) {
            return key < otherKey;
        }
        return group != other && group.order().compareTo(other.order()) < 0;
    }
}
