package io.outflow.enrichment.clusters;

/** How a cluster networks its pods, which decides whose address its egress carries outside the cluster. */
public enum NetworkPlugin {
    /** Azure CNI (pod subnet or node subnet): pods have VNet addresses; egress carries the pod's address. */
    AZURE_CNI("azure-cni", EgressAddress.POD),
    /** Azure CNI Overlay: pods have addresses of a private overlay range; egress is SNAT'd to the node's address. */
    AZURE_CNI_OVERLAY("azure-cni-overlay", EgressAddress.NODE),
    /** kubenet: pod ranges routed per node; egress is SNAT'd to the node's address. */
    KUBENET("kubenet", EgressAddress.NODE),
    /**
     * Azure CNI powered by Cilium with VNet pod addresses. A Cilium cluster in overlay mode SNATs to the node: set
     * {@code egressAddress: node} for it.
     */
    CILIUM("cilium", EgressAddress.POD);

    private final String text;
    private final EgressAddress defaultEgress;

    NetworkPlugin(String text, EgressAddress defaultEgress) {
        this.text = text;
        this.defaultEgress = defaultEgress;
    }

    public String text() {
        return text;
    }

    public EgressAddress defaultEgress() {
        return defaultEgress;
    }

    /** Whether the plugin always SNATs egress to the node's address (then pods can never be seen outside). */
    public boolean alwaysSnatsToNode() {
        return this == AZURE_CNI_OVERLAY || this == KUBENET;
    }

    public static NetworkPlugin of(String text) {
        for (NetworkPlugin plugin : values()) {
            if (plugin.text.equals(text)) {
                return plugin;
            }
        }
        return null;
    }
}
