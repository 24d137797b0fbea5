package io.outflow.enrichment.timeline;

import io.outflow.enrichment.address.IpAddress;
import java.nio.charset.StandardCharsets;

/**
 * One pod of one cluster, distilled from its changes: start, end, the stretches of its addresses, and a shared
 * {@link PodShape}. Compact on purpose (the uid as two longs, the name as the bytes after the shape's prefix):
 * memory is O(live pods + recently ended ones), and each costs a few hundred bytes at most.
 *
 * <p>When the pod held one set of addresses all its life, the record itself is the {@link Occupant} of each of
 * them; otherwise {@link #leases} holds one {@link PodLease} per stretch and address.
 */
final class PodRecord implements Occupant {
    final long uidHigh;
    final long uidLow;
    /** The uid when it is not a UUID (then uidHigh and uidLow are zero). */
    final String uidText;
    PodShape shape;
    byte[] nameTail;
    String node;
    long start = Times.UNKNOWN;
    boolean startFromStatus;
    long end = Times.OPEN;
    long newestTime = Times.UNKNOWN;
    long newestVersion = Times.UNKNOWN;
    long[] segments;
    /** Null: not placed; {@code this}: placed as its own occupant; a {@code PodLease[]}: placed as leases. */
    Object placement;

    PodRecord(long uidHigh, long uidLow, String uidText) {
        this.uidHigh = uidHigh;
        this.uidLow = uidLow;
        this.uidText = uidText;
    }

    @Override
    public long from() {
        return start != Times.UNKNOWN ? start : segments != null ? Segments.firstTime(segments, 0) : Times.UNKNOWN;
    }

    @Override
    public long to() {
        return end;
    }

    @Override
    public PodRecord pod() {
        return this;
    }

    @Override
    public NodeRecord node() {
        return null;
    }

    String name() {
        return shape.namePrefix + new String(nameTail, StandardCharsets.UTF_8);
    }

    String nameForOrder() {
        return uidText != null ? uidText : new String(nameTail, StandardCharsets.UTF_8);
    }

    String uid() {
        if (uidText != null) {
            return uidText;
        }
        return Uuids.format(uidHigh, uidLow);
    }

    void rename(String name) {
        String prefix = shape.namePrefix;
        String tail = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
        if (nameTail == null || !java.util.Arrays.equals(nameTail, bytes)) {
            nameTail = bytes;
        }
    }

    /** The occupants this pod places, in stretch order, and the address each one holds. */
    interface LeaseSink {
        void lease(IpAddress address, Occupant occupant);
    }

    /** Computes the occupants from start, end and stretches (none when the pod never had an address). */
    void leases(LeaseSink sink) {
        if (segments == null) {
            return;
        }
        int count = Segments.count(segments);
        if (count == 1) {
            if (from() < end) {
                for (int i = 0; i < Segments.addressCount(segments, 0); i++) {
                    sink.lease(Segments.address(segments, 0, i), this);
                }
            }
            return;
        }
        int index = 0;
        for (int at = 0; at < segments.length; at = Segments.next(segments, at), index++) {
            long from = index == 0 ? from() : Math.max(Segments.firstTime(segments, at), start);
            int nextAt = Segments.next(segments, at);
            long to = nextAt < segments.length ? Math.min(Segments.firstTime(segments, nextAt), end) : end;
            if (from >= to) {
                continue;
            }
            PodLease lease = new PodLease(this, from, to);
            for (int i = 0; i < Segments.addressCount(segments, at); i++) {
                sink.lease(Segments.address(segments, at, i), lease);
            }
        }
    }
}
