package io.outflow.detectors.run;

import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;

/**
 * A flow that arrived behind the watermark, for one detector whose business it was: not folded in, counted, and
 * written to the late output.
 *
 * @param detector the detector's name
 * @param key the key the flow would have gone to
 * @param flow the flow
 * @param watermark the watermark it was behind
 */
public record LateFlow(String detector, String key, EnrichedFlow flow, Instant watermark) {
}
