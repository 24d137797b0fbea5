package io.outflow.replay.job;

import io.outflow.schemas.EnrichedFlow;

/**
 * An on-time flow on its way to one detector.
 *
 * @param detector the detector's position in the suite
 * @param key the key the detector gave the flow
 * @param flow the enriched flow
 */
public record KeyedFlow(int detector, String key, EnrichedFlow flow) {

    /** The key of the keyed stream: the detector and its key, so that detectors never share state. */
    public String routeKey() {
        return detector + "\u001f" + key;
    }
}
