package io.outflow.enrichment.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Pods by UUID uid, in open addressing over the records themselves (the uid is already in each record): a
 * reference per slot, nothing else.
 */
final class PodTable {
    private PodRecord[] slots = new PodRecord[16];
    private int size;

    private static int hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    PodRecord get(long high, long low) {
        int mask = slots.length - 1;
        int i = hash(high, low) & mask;
        PodRecord pod;
        while ((pod = slots[i]) != null) {
            if (pod.uidHigh == high && pod.uidLow == low) {
                return pod;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a record whose uid is not in the table yet. */
    void add(PodRecord pod) {
        if ((size + 1) * 5L > slots.length * 4L) {
            PodRecord[] old = slots;
            slots = new PodRecord[old.length * 2];
            for (PodRecord p : old) {
                if (p != null) {
                    insert(p);
                }
            }
        }
        insert(pod);
        size++;
    }

    private void insert(PodRecord pod) {
        int mask = slots.length - 1;
        int i = hash(pod.uidHigh, pod.uidLow) & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = pod;
    }

    void remove(PodRecord pod) {
        int mask = slots.length - 1;
        int i = hash(pod.uidHigh, pod.uidLow) & mask;
        while (slots[i] != null) {
            if (slots[i] == pod) {
                shiftBack(i, mask);
                size--;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void shiftBack(int hole, int mask) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            PodRecord p = slots[i];
            if (p == null) {
                break;
            }
            int home = hash(p.uidHigh, p.uidLow) & mask;
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                slots[hole] = p;
                hole = i;
            }
        }
        slots[hole] = null;
    }

    int size() {
        return size;
    }

    /** A snapshot of the records, which may be changed while walking it. */
    List<PodRecord> values() {
        List<PodRecord> out = new ArrayList<>(size);
        for (PodRecord p : slots) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
