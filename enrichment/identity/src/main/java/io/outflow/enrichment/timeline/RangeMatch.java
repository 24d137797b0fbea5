package io.outflow.enrichment.timeline;

/** What the configured ranges of a cluster (outside the timeline's own knowledge) say about an address. */
public enum RangeMatch {
    /** A configured pod or node range of the cluster contains the address. */
    INSIDE,
    /** The cluster has configured ranges, and none contains the address. */
    OUTSIDE,
    /** No ranges are configured for the cluster. */
    UNCONFIGURED
}
