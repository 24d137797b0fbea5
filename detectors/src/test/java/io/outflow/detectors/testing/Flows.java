package io.outflow.detectors.testing;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.ids.ContentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds enriched flows for tests: {@code Flows.pod("shop", "Deployment", "web", "web-7d9f-abc", "10.0.0.4")
 * .at("2025-03-01T10:00:00Z").to("203.0.113.9", 443).fqdn("api.example.com").build()}. The eventId is derived from the
 * content (so equal flows have equal IDs, as duplicates do) unless set.
 */
public final class Flows {
    private final WorkloadIdentity.Builder source = WorkloadIdentity.newBuilder();
    private final FlowEvent.Builder event = FlowEvent.newBuilder()
            .setEventId("").setTime(Instant.EPOCH).setCategory("AZFWNetworkRule").setKind(FlowKind.connection)
            .setProtocol("TCP").setAction(FlowAction.allow);
    private final Map<String, String> extras = new HashMap<>();
    private String registeredDomain;
    private boolean eventIdSet;

    private Flows() {
    }

    public static Flows pod(String namespace, String kind, String workload, String pod, String ip) {
        Flows f = new Flows();
        f.source.setAttribution(Attribution.pod).setCluster("aks-prod").setNamespace(namespace).setWorkloadKind(kind)
                .setWorkload(workload).setPod(pod).setNode("aks-nodepool1-0");
        f.event.setSourceIp(ip).setCluster("aks-prod");
        return f;
    }

    public static Flows node(String node, String ip) {
        Flows f = new Flows();
        f.source.setAttribution(Attribution.node).setCluster("aks-prod").setNode(node);
        f.event.setSourceIp(ip).setCluster("aks-prod");
        return f;
    }

    public static Flows unknown(String ip, String reason) {
        Flows f = new Flows();
        f.source.setAttribution(Attribution.unknown).setAttributionReason(reason).setCluster("aks-prod");
        f.event.setSourceIp(ip).setCluster("aks-prod");
        return f;
    }

    public Flows at(String isoTime) {
        event.setTime(Instant.parse(isoTime));
        return this;
    }

    public Flows at(Instant time) {
        event.setTime(time);
        return this;
    }

    public Flows to(String ip, int port) {
        event.setDestinationIp(ip).setDestinationPort(port);
        return this;
    }

    public Flows port(int port) {
        event.setDestinationPort(port);
        return this;
    }

    public Flows sourcePort(int port) {
        event.setSourcePort(port);
        return this;
    }

    public Flows fqdn(String fqdn) {
        event.setDestinationFqdn(fqdn);
        return this;
    }

    public Flows registeredDomain(String domain) {
        this.registeredDomain = domain;
        return this;
    }

    public Flows category(String category) {
        event.setCategory(category);
        return this;
    }

    public Flows kind(FlowKind kind) {
        event.setKind(kind);
        if (kind == FlowKind.dns_query || kind == FlowKind.nat) {
            event.setAction(null);
        }
        return this;
    }

    public Flows action(FlowAction action) {
        event.setAction(action);
        return this;
    }

    public Flows protocol(String protocol) {
        event.setProtocol(protocol);
        return this;
    }

    public Flows bytes(long out, long in) {
        event.setBytesOut(out).setBytesIn(in);
        return this;
    }

    public Flows resourceId(String resourceId) {
        event.setResourceId(resourceId);
        return this;
    }

    public Flows extra(String key, String value) {
        extras.put(key, value);
        return this;
    }

    public Flows eventId(String id) {
        event.setEventId(id);
        eventIdSet = true;
        return this;
    }

    public Flows cluster(String cluster) {
        source.setCluster(cluster);
        event.setCluster(cluster);
        return this;
    }

    public EnrichedFlow build() {
        event.setExtras(new HashMap<>(extras)).setWarnings(List.of());
        if (!eventIdSet) {
            FlowEvent draft = event.build();
            event.setEventId(ContentId.of(draft.toString()));
        }
        return EnrichedFlow.newBuilder().setFlow(event.build()).setSource(source.build())
                .setRegisteredDomain(registeredDomain).build();
    }
}
