package io.outflow.enrichment.timeline;

import io.outflow.schemas.net.IpAddress;

/**
 * The stretches of a pod's life during which it held one set of addresses, packed in one {@code long[]}:
 * per stretch {@code firstTime, firstVersion, lastTime, lastVersion, count, (high, low) × count}. A state is
 * ordered by (time, resourceVersion), its time being the latest condition transition (when a podIP changes,
 * conditions move with it). Inserting is order-independent: the same states in any order give the same stretches.
 */
final class Segments {
    private static final int HEADER = 5;

    private Segments() {
    }

    static int count(long[] segments) {
        if (segments == null) {
            return 0;
        }
        int n = 0;
        for (int at = 0; at < segments.length; at = next(segments, at)) {
            n++;
        }
        return n;
    }

    static int next(long[] segments, int at) {
        return at + HEADER + 2 * (int) segments[at + 4];
    }

    static long firstTime(long[] segments, int at) {
        return segments[at];
    }

    static int addressCount(long[] segments, int at) {
        return (int) segments[at + 4];
    }

    static IpAddress address(long[] segments, int at, int index) {
        int p = at + HEADER + 2 * index;
        return IpAddress.of(segments[p], segments[p + 1]);
    }

    private static int compareKey(long timeA, long versionA, long timeB, long versionB) {
        int c = Long.compare(timeA, timeB);
        return c != 0 ? c : Long.compare(versionA, versionB);
    }

    private static boolean sameAddresses(long[] segments, int at, long[] addresses) {
        int n = (int) segments[at + 4];
        if (2 * n != addresses.length) {
            return false;
        }
        for (int i = 0; i < addresses.length; i++) {
            if (segments[at + HEADER + i] != addresses[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The stretches with one more observed state: {@code addresses} (sorted (high, low) pairs) at key
     * ({@code time}, {@code version}). Returns the same array when nothing changes.
     */
    static long[] insert(long[] segments, long time, long version, long[] addresses) {
        if (segments == null) {
            return segment(time, version, time, version, addresses);
        }
        int previous = -1;
        for (int at = 0; at < segments.length; at = next(segments, at)) {
            long firstTime = segments[at];
            long firstVersion = segments[at + 1];
            long lastTime = segments[at + 2];
            long lastVersion = segments[at + 3];
            boolean afterFirst = compareKey(time, version, firstTime, firstVersion) >= 0;
            boolean beforeLast = compareKey(time, version, lastTime, lastVersion) <= 0;
            if (afterFirst && beforeLast) {
                if (sameAddresses(segments, at, addresses)) {
                    return segments;
                }
                // a different set inside a stretch: split it around the new state
                long[] head = slice(segments, at);
                head[2] = firstTime;
                head[3] = firstVersion;
                long[] tail = slice(segments, at);
                tail[0] = lastTime;
                tail[1] = lastVersion;
                long[] middle = segment(time, version, time, version, addresses);
                return splice(segments, at, next(segments, at), concat(head, middle, tail));
            }
            if (!afterFirst) {
                // the new state comes before this stretch
                if (sameAddresses(segments, at, addresses)) {
                    long[] copy = segments.clone();
                    copy[at] = time;
                    copy[at + 1] = version;
                    return copy;
                }
                if (previous >= 0 && sameAddresses(segments, previous, addresses)) {
                    return extendLast(segments, previous, time, version);
                }
                return splice(segments, at, at, segment(time, version, time, version, addresses));
            }
            previous = at;
        }
        // after every stretch
        if (sameAddresses(segments, previous, addresses)) {
            return extendLast(segments, previous, time, version);
        }
        return splice(segments, segments.length, segments.length, segment(time, version, time, version, addresses));
    }

    /** One stretch holding one address. */
    static long[] single(long firstTime, long firstVersion, long lastTime, long lastVersion, IpAddress address) {
        return segment(firstTime, firstVersion, lastTime, lastVersion, new long[] {address.high(), address.low()});
    }

    private static long[] extendLast(long[] segments, int at, long time, long version) {
        long[] copy = segments.clone();
        copy[at + 2] = time;
        copy[at + 3] = version;
        return copy;
    }

    private static long[] segment(long firstTime, long firstVersion, long lastTime, long lastVersion,
                                  long[] addresses) {
        long[] out = new long[HEADER + addresses.length];
        out[0] = firstTime;
        out[1] = firstVersion;
        out[2] = lastTime;
        out[3] = lastVersion;
        out[4] = addresses.length / 2;
        System.arraycopy(addresses, 0, out, HEADER, addresses.length);
        return out;
    }

    private static long[] slice(long[] segments, int at) {
        long[] out = new long[next(segments, at) - at];
        System.arraycopy(segments, at, out, 0, out.length);
        return out;
    }

    private static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code segments} with [from, to) replaced by {@code insert}. */
    private static long[] splice(long[] segments, int from, int to, long[] insert) {
        long[] out = new long[segments.length - (to - from) + insert.length];
        System.arraycopy(segments, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(segments, to, out, from + insert.length, segments.length - to);
        return out;
    }
}
