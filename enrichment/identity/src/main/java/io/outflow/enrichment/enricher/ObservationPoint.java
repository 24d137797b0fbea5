package io.outflow.enrichment.enricher;

/** Where an address was seen, which decides whether a pod can be its owner. */
public enum ObservationPoint {
    /** Inside the cluster (Hubble, or an analyst asking about an address as the cluster knows it): any owner. */
    CLUSTER,
    /**
     * On the egress path outside the cluster (Azure Firewall, VNet or NSG flow logs): in a cluster that SNATs its
     * egress (Azure CNI Overlay, kubenet) the address can only be a node's.
     */
    EGRESS
}
