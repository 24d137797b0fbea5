package io.outflow.enrichment.timeline;

/**
 * What a timeline holds.
 *
 * @param livePods  pods with no end known
 * @param endedPods pods that ended and are kept for retention
 * @param shapes    interned pod shapes (about one per workload)
 */
public record TimelineStats(int clusters, int livePods, int endedPods, int nodes, int addresses, int shapes,
                            int owners) {
    TimelineStats plus(TimelineStats o) {
        return new TimelineStats(clusters + o.clusters, livePods + o.livePods, endedPods + o.endedPods,
                nodes + o.nodes, addresses + o.addresses, shapes + o.shapes, owners + o.owners);
    }
}
