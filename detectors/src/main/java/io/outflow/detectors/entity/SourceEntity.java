package io.outflow.detectors.entity;

import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.WorkloadIdentity;

/**
 * Whom a flow is detected for: its workload when the source address was a pod's ({@code namespace/kind/name}, so
 * replicas add evidence to one entity instead of splitting it), else its node ({@code node/<name>}, for traffic that
 * leaves with the node's address), else its source address ({@code ip/<sourceIp>}).
 *
 * @param cluster the cluster of the identity, else of the event; empty when neither knows it
 * @param attribution how the source was attributed
 * @param id the entity as DESIGN.md spells it in alert IDs
 */
public record SourceEntity(String cluster, Attribution attribution, String id) {
    /** Separates the source entity from the destination in the entity of per-destination detectors. */
    public static final String DESTINATION_SEPARATOR = "->";

    public static SourceEntity of(EnrichedFlow flow) {
        WorkloadIdentity s = flow.getSource();
        String sourceIp = flow.getFlow().getSourceIp();
        if (s == null) {
            return of(clusterOf(flow), Attribution.unknown, null, null, null, null, null, sourceIp);
        }
        return of(clusterOf(flow), s.getAttribution(), s.getNamespace(), s.getWorkload(), s.getWorkloadKind(),
                s.getPod(), s.getNode(), sourceIp);
    }

    /**
     * The entity an alert is about, from its identity fields by the same rule (a detector takes an alert's identity
     * from a flow of the entity).
     */
    public static String idOf(Alert alert) {
        return of("", alert.getAttribution(), alert.getNamespace(), alert.getWorkload(), alert.getWorkloadKind(),
                alert.getPod(), alert.getNode(), alert.getSourceIp()).id();
    }

    /** The one rule: workload (else pod) when pod-attributed, else node when attributed, else source address. */
    private static SourceEntity of(String cluster, Attribution attribution, String namespace, String workload,
                                   String workloadKind, String pod, String node, String sourceIp) {
        if (attribution == Attribution.pod) {
            String name = workload != null ? workload : pod;
            String kind = workload != null && workloadKind != null ? workloadKind : "Pod";
            if (namespace != null && name != null) {
                return new SourceEntity(cluster, Attribution.pod, namespace + "/" + kind + "/" + name);
            }
        }
        if (attribution != null && attribution != Attribution.unknown && node != null) {
            return new SourceEntity(cluster, Attribution.node, "node/" + node);
        }
        return new SourceEntity(cluster, Attribution.unknown, "ip/" + (sourceIp != null ? sourceIp : "unknown"));
    }

    /** The cluster of a flow: its source identity's, else the event's, else empty. */
    public static String clusterOf(EnrichedFlow flow) {
        WorkloadIdentity source = flow.getSource();
        if (source != null && source.getCluster() != null) {
            return source.getCluster();
        }
        return flow.getFlow().getCluster() != null ? flow.getFlow().getCluster() : "";
    }

    /**
     * Where a flow went, as per-destination detectors name it: the registered domain, else the destination address,
     * else the destination name; null when the flow names no destination.
     */
    public static String destinationOf(EnrichedFlow flow) {
        if (flow.getRegisteredDomain() != null) {
            return flow.getRegisteredDomain();
        }
        FlowEvent event = flow.getFlow();
        if (event.getDestinationIp() != null) {
            return event.getDestinationIp();
        }
        return event.getDestinationFqdn();
    }

    /** The entity of alerts about this source and one destination ({@code shop/Deployment/web->example.com}). */
    public String withDestination(String destination) {
        return id + DESTINATION_SEPARATOR + destination;
    }

    /** The state key of a per-source detector: {@code cluster|entity}. */
    public String key() {
        return cluster + "|" + id;
    }

    /** The state key of a per-(source, destination) detector: {@code cluster|entity->destination}. */
    public String key(String destination) {
        return cluster + "|" + withDestination(destination);
    }
}
