package io.outflow.enrichment.timeline;

/** One stretch of a pod's hold on one address, used when the pod's addresses changed during its life. */
record PodLease(PodRecord pod, long from, long to) implements Occupant {
    @Override
    public NodeRecord node() {
        return null;
    }
}
