package io.outflow.enrichment.timeline;

/** Why an address could not be attributed; {@link #text()} is the contract value of {@code attributionReason}. */
public enum UnknownReason {
    /** The address lies outside every range known for the candidate clusters. */
    OUTSIDE_KNOWN_RANGES("outside-known-ranges"),
    /** The moment lies before the retention horizon: whatever owned the address then is forgotten. */
    EXPIRED("expired"),
    /** Several clusters could hold the address; the candidates list them. */
    AMBIGUOUS("ambiguous"),
    /** The address is in a known range, but nothing held it at that moment. */
    NO_OWNER_AT_TIME("no-owner-at-time"),
    /**
     * The event is cluster-level evidence, not a workload's egress: Azure Firewall DNS proxy records show CoreDNS
     * as their source, never the pod that asked.
     */
    CLUSTER_LEVEL("cluster-level");

    private final String text;

    UnknownReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
