package io.outflow.enrichment.timeline;

/**
 * Something that held an address for a span of event time: a pod (for one stretch of its addresses) or a node.
 * Its own span is [{@link #from()}, {@link #to()}); the span it is answered for ends earlier when another owner of
 * the same address starts first.
 */
sealed interface Occupant permits PodRecord, PodLease, NodeLease {
    long from();

    /** The own end, {@link Times#OPEN} while none is known. */
    long to();

    /** The pod behind this occupant, or null for a node. */
    PodRecord pod();

    /** The node behind this occupant, or null for a pod. */
    NodeRecord node();

    /** A total order among occupants of one address: start, then nodes before pods, then identity. */
    static int order(Occupant a, Occupant b) {
        int c = Long.compare(a.from(), b.from());
        if (c != 0) {
            return c;
        }
        PodRecord pa = a.pod();
        PodRecord pb = b.pod();
        if (pa == null || pb == null) {
            if (pa != pb) {
                return pa == null ? -1 : 1;
            }
            return a.node().name.compareTo(b.node().name);
        }
        c = Long.compare(pa.uidHigh, pb.uidHigh);
        if (c != 0) {
            return c;
        }
        c = Long.compare(pa.uidLow, pb.uidLow);
        if (c != 0) {
            return c;
        }
        return pa.nameForOrder().compareTo(pb.nameForOrder());
    }
}
