package io.outflow.replay.job;

import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.io.Serializable;

/** How flows get their identities, built where the job runs (it reads the identity history there). */
public interface FlowEnrichment extends Serializable {

    Enricher open() throws IOException;

    /** Enriches flows in merged order; told when the watermark moves, for the timeline's retention. */
    interface Enricher {
        EnrichedFlow enrich(FlowEvent flow);

        void advance(long watermarkMillis);
    }
}
