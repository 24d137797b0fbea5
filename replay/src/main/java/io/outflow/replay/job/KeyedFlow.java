package io.outflow.replay.job;

import io.outflow.schemas.EnrichedFlow;
import java.util.Objects;

/**
 * An on-time flow on its way to one detector. A flow that several detectors take travels once per detector; its
 * binary form is computed once and shared ({@link #encoded()}), since Avro's encoding of the contract records is the
 * costliest step between the merge and the detectors.
 */
public final class KeyedFlow {
    private final int detector;
    private final String key;
    private final EnrichedFlow flow;
    private final byte[] encoded;

    /**
     * @param detector the detector's position in the suite
     * @param key the key the detector gave the flow
     * @param flow the enriched flow
     * @param encoded the flow's Avro binary form when already computed, else null
     */
    public KeyedFlow(int detector, String key, EnrichedFlow flow, byte[] encoded) {
        this.detector = detector;
        this.key = key;
        this.flow = flow;
        this.encoded = encoded;
    }

    public KeyedFlow(int detector, String key, EnrichedFlow flow) {
        this(detector, key, flow, null);
    }

    public int detector() {
        return detector;
    }

    public String key() {
        return key;
    }

    public EnrichedFlow flow() {
        return flow;
    }

    /** The flow's Avro binary form shared by the records of one flow, or null. Never modified. */
    public byte[] encoded() {
        return encoded;
    }

    /** The key of the keyed stream: the detector and its key, so that detectors never share state. */
    public String routeKey() {
        return detector + "\u001f" + key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedFlow other && detector == other.detector && key.equals(other.key)
                && flow.equals(other.flow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(detector, key, flow);
    }

    @Override
    public String toString() {
        return "KeyedFlow[" + routeKey() + ", " + flow.getFlow().getEventId() + "]";
    }
}
