package io.outflow.enrichment.enricher;

import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.UnknownReason;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * {@code FlowEvent} → {@code EnrichedFlow}: the identity of the source at the event's time, and of the destination
 * when it is inside a cluster. Rules:
 * <ul>
 *   <li>an identity the event already carries (Hubble's {@code source} / {@code destination}) is kept as it is;</li>
 *   <li>firewall and flow-log events are seen on the egress path: in clusters that SNAT egress (Azure CNI
 *       Overlay, kubenet) their source is attributed to the node, never to a pod; Hubble events see pod
 *       addresses;</li>
 *   <li>{@code dns_query} events (the firewall's DNS proxy) have CoreDNS as their source, not the workload that
 *       asked: the source is cluster-level ({@code attribution: unknown}, reason {@code cluster-level}) so that no
 *       detector counts them as a workload's egress;</li>
 *   <li>a destination outside every cluster gets no identity (null), not an unknown one;</li>
 *   <li>{@code registeredDomain} is left null: it is computed downstream (Public Suffix List).</li>
 * </ul>
 * Reads no clock: retention follows the watermark the engine gives the timeline.
 */
public final class FlowEnricher {
    /** The category of Hubble flow lines, which see pod addresses before any SNAT. */
    public static final String HUBBLE_CATEGORY = "HubbleFlow";

    private final IdentityResolver resolver;

    public FlowEnricher(IdentityResolver resolver) {
        this.resolver = resolver;
    }

    public EnrichedFlow enrich(FlowEvent flow) {
        long time = flow.getTime().toEpochMilli();
        IpAddress sourceAddress = IpAddress.parse(flow.getSourceIp());
        WorkloadIdentity source;
        String sourceCluster = flow.getCluster();
        if (flow.getKind() == FlowKind.dns_query) {
            if (sourceCluster == null && sourceAddress != null) {
                List<String> candidates = resolver.candidates(null, flow.getResourceId(), sourceAddress);
                sourceCluster = candidates.size() == 1 ? candidates.get(0) : null;
            }
            source = IdentityAnswer.unknown(sourceCluster, UnknownReason.CLUSTER_LEVEL).toIdentity();
        } else if (flow.getSource() != null) {
            source = flow.getSource();
            if (source.getCluster() == null) {
                source.setCluster(flow.getCluster());
            }
        } else if (sourceAddress == null) {
            source = IdentityAnswer.unknown(flow.getCluster(), UnknownReason.OUTSIDE_KNOWN_RANGES).toIdentity();
        } else {
            ObservationPoint point = HUBBLE_CATEGORY.equals(flow.getCategory()) ? ObservationPoint.CLUSTER
                    : ObservationPoint.EGRESS;
            source = resolver.resolve(flow.getCluster(), flow.getResourceId(), sourceAddress, time, point)
                    .toIdentity();
        }
        normalize(source);
        WorkloadIdentity destination = flow.getDestination();
        if (destination == null && flow.getKind() != FlowKind.dns_query) {
            destination = inClusterDestination(flow, source.getCluster(), time);
        }
        if (destination != null) {
            normalize(destination);
        }
        return EnrichedFlow.newBuilder()
                .setFlow(flow)
                .setSource(source)
                .setDestination(destination)
                .setRegisteredDomain(null)
                .build();
    }

    private WorkloadIdentity inClusterDestination(FlowEvent flow, String sourceCluster, long time) {
        IpAddress address = IpAddress.parse(flow.getDestinationIp());
        if (address == null) {
            return null;
        }
        String cluster = sourceCluster != null ? sourceCluster : flow.getCluster();
        if (cluster == null) {
            List<String> candidates = resolver.candidates(null, null, address);
            if (candidates.size() != 1) {
                return null;
            }
            cluster = candidates.get(0);
        }
        IdentityAnswer answer = resolver.resolve(cluster, null, address, time, ObservationPoint.CLUSTER);
        return answer.isKnown() ? answer.toIdentity() : null;
    }

    /** Avro needs the map and list fields present even when empty. */
    private static void normalize(WorkloadIdentity identity) {
        if (identity.getLabels() == null) {
            identity.setLabels(new HashMap<>());
        }
        if (identity.getCandidates() == null) {
            identity.setCandidates(new ArrayList<>());
        }
    }
}
