package io.outflow.enrichment.timeline;

/** Which owners a lookup may answer with. */
public enum LookupScope {
    /** Pods and nodes. */
    ANY,
    /**
     * Nodes only: the address was seen after the cluster's SNAT (Azure CNI Overlay, kubenet), so it can only be a
     * node's, never a pod's.
     */
    NODES
}
