package io.outflow.replay.testing;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Enriched flows for adapter tests. */
public final class Flows {
    private Flows() {
    }

    public static EnrichedFlow flow(String eventId, Instant time, String sourceIp) {
        FlowEvent event = FlowEvent.newBuilder().setEventId(eventId).setTime(time).setCategory("AZFWNetworkRule")
                .setKind(FlowKind.connection).setSourceIp(sourceIp).setSourcePort(40000)
                .setDestinationIp("203.0.113.7").setDestinationPort(443).setProtocol("TCP").setAction(null)
                .setWarnings(List.of()).setExtras(Map.of()).build();
        return EnrichedFlow.newBuilder().setFlow(event)
                .setSource(WorkloadIdentity.newBuilder().setAttribution(Attribution.unknown)
                        .setAttributionReason("outside-known-ranges").setLabels(Map.of()).setCandidates(List.of())
                        .build())
                .build();
    }
}
