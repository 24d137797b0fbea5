package io.outflow.enrichment.clusters;

/** Whose address a cluster's egress carries when a firewall or a flow log outside the cluster sees it. */
public enum EgressAddress {
    /** The pod's own address: attribute to the pod that held it. */
    POD("pod"),
    /** The node's address (SNAT): attribute to the node, never guess a pod. */
    NODE("node");

    private final String text;

    EgressAddress(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static EgressAddress of(String text) {
        for (EgressAddress value : values()) {
            if (value.text.equals(text)) {
                return value;
            }
        }
        return null;
    }
}
