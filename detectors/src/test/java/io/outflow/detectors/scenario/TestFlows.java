package io.outflow.detectors.scenario;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.FlowState;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Hand-made enriched flows for unit tests: a pod of a workload sending through the firewall and the flow log. */
public final class TestFlows {
    public static final String CLUSTER = "test";
    private static long counter;

    private TestFlows() {
    }

    /** The identity of a pod of {@code namespace/Deployment/workload}. */
    public static WorkloadIdentity pod(String namespace, String workload, String pod) {
        return WorkloadIdentity.newBuilder().setAttribution(Attribution.pod).setCluster(CLUSTER)
                .setNamespace(namespace).setWorkloadKind("Deployment").setWorkload(workload).setPod(pod)
                .setPodUid("uid-" + pod).setNode("node-1").build();
    }

    public static WorkloadIdentity node(String node) {
        return WorkloadIdentity.newBuilder().setAttribution(Attribution.node).setCluster(CLUSTER).setNode(node).build();
    }

    /** A flow-log tuple (B without bytes, C/E with {@code bytesOut}). */
    public static EnrichedFlow tuple(WorkloadIdentity who, String sourceIp, int sourcePort, String destinationIp,
                                     int port, Instant at, FlowState state, long bytesOut) {
        FlowEvent e = base(at, "FlowLogFlowEvent", FlowKind.flow_summary, sourceIp, sourcePort, destinationIp, port);
        e.setFlowState(state);
        if (state != FlowState.begin) {
            e.setBytesOut(bytesOut);
            e.setPacketsOut(Math.max(1, bytesOut / 1200));
            e.setBytesIn(bytesOut / 2);
            e.setPacketsIn(Math.max(1, bytesOut / 2400));
        }
        e.setResourceId("/vnet");
        return new EnrichedFlow(e, who, null, null);
    }

    /** An Azure Firewall application-rule record: the name, no address, no bytes. */
    public static EnrichedFlow firewall(WorkloadIdentity who, String sourceIp, int sourcePort, String fqdn,
                                        String registered, int port, Instant at) {
        FlowEvent e = base(at, "AZFWApplicationRule", FlowKind.connection, sourceIp, sourcePort, null, port);
        e.setDestinationFqdn(fqdn);
        e.setResourceId("/firewall");
        return new EnrichedFlow(e, who, null, registered);
    }

    /**
     * One connection as both logs see it: a firewall record with the name, a B tuple and an E tuple with the bytes.
     */
    public static List<EnrichedFlow> connection(WorkloadIdentity who, String sourceIp, int sourcePort, String fqdn,
                                                String registered, String ip, int port, Instant at, long bytesOut) {
        List<EnrichedFlow> out = new ArrayList<>(3);
        if (fqdn != null) {
            out.add(firewall(who, sourceIp, sourcePort, fqdn, registered, port, at.plusMillis(150)));
        }
        out.add(tuple(who, sourceIp, sourcePort, ip, port, at, FlowState.begin, 0));
        out.add(tuple(who, sourceIp, sourcePort, ip, port, at.plusMillis(800), FlowState.end, bytesOut));
        return out;
    }

    /** A bijective 64-bit mix (SplitMix64's finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static FlowEvent base(Instant at, String category, FlowKind kind, String sourceIp, int sourcePort,
                                  String destinationIp, int port) {
        FlowEvent e = new FlowEvent();
        long n = ++counter;
        e.setEventId(String.format("%016x%016x", mix(n), n)); // distinct in the first 64 bits, as SHA-256 IDs are
        e.setTime(at);
        e.setCategory(category);
        e.setKind(kind);
        e.setCluster(CLUSTER);
        e.setSourceIp(sourceIp);
        e.setSourcePort(sourcePort);
        e.setDestinationIp(destinationIp);
        e.setDestinationPort(port);
        e.setProtocol("TCP");
        e.setAction(FlowAction.allow);
        e.setDirection(Direction.outbound);
        e.setWarnings(new ArrayList<>());
        e.setExtras(new LinkedHashMap<>());
        return e;
    }
}
