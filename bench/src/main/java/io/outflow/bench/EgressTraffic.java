package io.outflow.bench;

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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * Seeded, invented egress already enriched as the detectors receive it (registered domain computed upstream): workloads
 * with replicas and a few nodes, each talking to its own handful of destinations (and a few shared ones) at random
 * times; every connection is one Azure Firewall application-rule record (the name, no bytes), one flow-log B tuple and
 * one E tuple with the bytes, plus a C tuple a minute for the one connection in ten that lasts minutes. Some workloads
 * also beacon. Events are in event-time order; every event has its own 128-bit eventId.
 */
final class EgressTraffic {
    static final String CLUSTER = "aks-bench";
    static final long T0 = Instant.parse("2026-01-15T00:00:00Z").toEpochMilli();
    private static final String[] SHARED = {"login.identity-provider.com", "api.payments-gateway.com",
        "telemetry.metrics-vendor.io", "objects.storage-cloud.net"};

    private EgressTraffic() {
    }

    /**
     * @param workloads workloads (three replicas each; every tenth workload's traffic is node-attributed instead)
     * @param connectionsPerWorkloadHour connections each workload opens per hour
     * @param hours event-time span
     */
    static List<EnrichedFlow> generate(int workloads, double connectionsPerWorkloadHour, double hours, long seed) {
        Random random = new Random(seed);
        List<EnrichedFlow> out = new ArrayList<>();
        long span = (long) (hours * 3_600_000);
        for (int w = 0; w < workloads; w++) {
            boolean node = w % 10 == 9;
            String namespace = "ns-" + (w % 17);
            String name = "app-" + w;
            String[] own = new String[6];
            for (int d = 0; d < own.length; d++) {
                own[d] = "svc" + d + ".partner-" + w + "-" + d + ".com";
            }
            WorkloadIdentity[] replicas = new WorkloadIdentity[3];
            String[] ips = new String[3];
            for (int r = 0; r < 3; r++) {
                ips[r] = node ? "10.224.0." + (4 + w % 200) : "10.244." + (w / 200) + "." + (w % 200 * 1 + r + 2);
                replicas[r] = node
                        ? WorkloadIdentity.newBuilder().setAttribution(Attribution.node).setCluster(CLUSTER)
                                .setNode("aks-pool-" + w).build()
                        : WorkloadIdentity.newBuilder().setAttribution(Attribution.pod).setCluster(CLUSTER)
                                .setNamespace(namespace).setWorkloadKind("Deployment").setWorkload(name)
                                .setPod(name + "-5d8f7c-" + r).setPodUid("uid-" + w + "-" + r)
                                .setNode("aks-pool-" + (w % 20)).build();
            }
            double t = random.nextDouble() * 3_600_000 / connectionsPerWorkloadHour;
            while (t < span) {
                int r = random.nextInt(3);
                String fqdn = random.nextInt(4) == 0 ? SHARED[random.nextInt(SHARED.length)]
                        : own[random.nextInt(own.length)];
                connection(out, random, replicas[r], ips[r], fqdn, T0 + (long) t);
                t += -Math.log(1 - random.nextDouble()) * 3_600_000 / connectionsPerWorkloadHour;
            }
            if (w % 25 == 0) { // a beacon every minute from the first replica
                for (long b = 0; b < span; b += 60_000 + random.nextInt(10_000)) {
                    connection(out, random, replicas[0], ips[0], "cdn.beacon-" + w + ".net", T0 + b);
                }
            }
        }
        out.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return out;
    }

    private static void connection(List<EnrichedFlow> out, Random random, WorkloadIdentity who, String ip,
                                   String fqdn, long at) {
        int port = 32_768 + random.nextInt(28_000);
        String address = "20." + (fqdn.hashCode() & 0x7f) + "." + ((fqdn.hashCode() >> 8) & 0xff) + ".7";
        String registered = fqdn.substring(fqdn.indexOf('.') + 1);
        FlowEvent fw = event(random, at + random.nextInt(300), "AZFWApplicationRule", FlowKind.connection, ip, port,
                null, fqdn);
        out.add(new EnrichedFlow(fw, who, null, registered));
        FlowEvent begin = event(random, at, "FlowLogFlowEvent", FlowKind.flow_summary, ip, port, address, null);
        begin.setFlowState(FlowState.begin);
        out.add(new EnrichedFlow(begin, who, null, null));
        long duration = random.nextInt(10) == 0 ? 60_000L * (2 + random.nextInt(8)) : 200 + random.nextInt(3_000);
        long bytes = (long) (2_000 * Math.exp(1.5 * random.nextGaussian()));
        for (long m = 60_000; m < duration; m += 60_000) {
            FlowEvent c = event(random, at + m, "FlowLogFlowEvent", FlowKind.flow_summary, ip, port, address, null);
            c.setFlowState(FlowState.continuing);
            counters(c, bytes / 4);
            out.add(new EnrichedFlow(c, who, null, null));
        }
        FlowEvent end = event(random, at + duration, "FlowLogFlowEvent", FlowKind.flow_summary, ip, port, address,
                null);
        end.setFlowState(FlowState.end);
        counters(end, bytes);
        out.add(new EnrichedFlow(end, who, null, null));
    }

    private static void counters(FlowEvent e, long bytes) {
        e.setBytesOut(Math.max(1, bytes));
        e.setPacketsOut(Math.max(1, bytes / 1200));
        e.setBytesIn(bytes * 3);
        e.setPacketsIn(Math.max(1, bytes / 400));
    }

    private static FlowEvent event(Random random, long at, String category, FlowKind kind, String sourceIp,
                                   int sourcePort, String destinationIp, String fqdn) {
        FlowEvent e = new FlowEvent();
        e.setEventId(String.format("%016x%016x", random.nextLong(), random.nextLong()));
        e.setTime(Instant.ofEpochMilli(at));
        e.setCategory(category);
        e.setKind(kind);
        e.setCluster(CLUSTER);
        e.setSourceIp(sourceIp);
        e.setSourcePort(sourcePort);
        e.setDestinationIp(destinationIp);
        e.setDestinationPort(443);
        e.setDestinationFqdn(fqdn);
        e.setProtocol("TCP");
        e.setAction(FlowAction.allow);
        e.setDirection(Direction.outbound);
        e.setResourceId(kind == FlowKind.connection ? "/fw" : "/vnet");
        e.setWarnings(new ArrayList<>(0));
        e.setExtras(new LinkedHashMap<>(2));
        return e;
    }
}
