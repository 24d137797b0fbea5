package io.outflow.enrichment.timeline;

import io.outflow.schemas.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One pod of one cluster, distilled from its changes: start, end, the stretches of its addresses, and a shared
 * {@link PodShape}. Compact on purpose, since memory is O(live pods + recently ended ones): the uid as two longs,
 * the name as the few characters after the shape's prefix (packed in a long when they fit), and the common case
 * of one stretch holding one IPv4 address kept in fields rather than a {@link Segments} array.
 *
 * <p>When the pod held one set of addresses all its life, the record itself is the {@link Occupant} of each of
 * them; otherwise {@link #placement} holds one {@link PodLease} per stretch and address.
 */
final class PodRecord implements Occupant {
    final long uidHigh;
    final long uidLow;
    /** The uid when it is not a UUID (then uidHigh and uidLow are zero). */
    final String uidText;
    PodShape shape;
    /** Up to 8 ASCII characters of the name after the shape's prefix, with their count in the top byte. */
    private long nameCode;
    /** The name after the prefix when it does not fit {@link #nameCode}. */
    private byte[] nameTail;
    String node;
    long start = Times.UNKNOWN;
    boolean startFromStatus;
    long end = Times.OPEN;
    long newestTime = Times.UNKNOWN;
    long newestVersion = Times.UNKNOWN;
    /** The stretches when they are not the single inline one, else null. */
    private long[] segments;
    /** The single stretch holding one IPv4 address, inline. */
    private boolean inline;
    private int inlineAddress;
    private long firstTime;
    private long firstVersion;
    private long lastTime;
    private long lastVersion;
    /** Null: not placed; {@code this}: placed as its own occupant; an {@code Object[]}: (lease, address) pairs. */
    Object placement;

    PodRecord(long uidHigh, long uidLow, String uidText) {
        this.uidHigh = uidHigh;
        this.uidLow = uidLow;
        this.uidText = uidText;
    }

    @Override
    public long from() {
        if (start != Times.UNKNOWN) {
            return start;
        }
        if (inline) {
            return firstTime;
        }
        return segments != null ? Segments.firstTime(segments, 0) : Times.UNKNOWN;
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

    /** The stretches in {@link Segments} form (a fresh array for the inline one), or null when none. */
    long[] stretches() {
        if (inline) {
            return Segments.single(firstTime, firstVersion, lastTime, lastVersion, IpAddress.ofV4(inlineAddress));
        }
        return segments;
    }

    void stretches(long[] updated) {
        if (updated != null && Segments.count(updated) == 1 && Segments.addressCount(updated, 0) == 1
                && Segments.address(updated, 0, 0).isV4()) {
            inline = true;
            inlineAddress = Segments.address(updated, 0, 0).v4();
            firstTime = updated[0];
            firstVersion = updated[1];
            lastTime = updated[2];
            lastVersion = updated[3];
            segments = null;
        } else {
            inline = false;
            segments = updated;
        }
    }

    boolean hasAddresses() {
        return inline || segments != null;
    }

    String name() {
        return shape.namePrefix + tail();
    }

    private String tail() {
        if (nameTail != null) {
            return new String(nameTail, StandardCharsets.UTF_8);
        }
        int length = (int) (nameCode >>> 56);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ((nameCode >>> (7 * i)) & 0x7f);
        }
        return new String(chars);
    }

    String nameForOrder() {
        return uidText != null ? uidText : tail();
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
        if (tail.length() <= 8 && tail.chars().allMatch(c -> c < 0x80)) {
            long code = (long) tail.length() << 56;
            for (int i = 0; i < tail.length(); i++) {
                code |= (long) tail.charAt(i) << (7 * i);
            }
            nameCode = code;
            nameTail = null;
        } else {
            byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
            if (nameTail == null || !Arrays.equals(nameTail, bytes)) {
                nameTail = bytes;
            }
        }
    }

    /** The occupants this pod places, in stretch order, and the address each one holds. */
    interface LeaseSink {
        void lease(IpAddress address, Occupant occupant);
    }

    /** Computes the occupants from start, end and stretches (none when the pod never had an address). */
    void leases(LeaseSink sink) {
        if (inline) {
            if (from() < end) {
                sink.lease(IpAddress.ofV4(inlineAddress), this);
            }
            return;
        }
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

    /** The addresses this record occupies as itself (its single stretch's), for unplacing. */
    void ownAddresses(java.util.function.Consumer<IpAddress> action) {
        if (inline) {
            action.accept(IpAddress.ofV4(inlineAddress));
        } else if (segments != null) {
            for (int i = 0; i < Segments.addressCount(segments, 0); i++) {
                action.accept(Segments.address(segments, 0, i));
            }
        }
    }
}
