package io.outflow.cli.demo;

import java.util.List;

/**
 * The fictional cluster of the demo: who runs where, with which addresses. Written for Outflow; no public sample
 * is copied. One flat-network (Azure CNI) cluster, so firewall and flow logs see pod addresses.
 */
record DemoCluster(String name, List<Node> nodes, List<Workload> workloads) {

    record Node(String name, String ip, String podCidr) {
    }

    /** A workload with its pods; {@code kind} is Deployment, DaemonSet, StatefulSet or CronJob. */
    record Workload(String namespace, String kind, String name, String serviceAccount, List<Pod> pods) {
    }

    /** A pod holds {@code ip} from {@code startSecond} to {@code endSecond} (seconds after the demo start). */
    record Pod(String name, String uid, String ip, String node, long startSecond, long endSecond) {
    }

    static final String CLUSTER = "aks-prod-weu";
    static final String FIREWALL = "/SUBSCRIPTIONS/5A1B0C2D-0000-4000-8000-00000000C0DE/RESOURCEGROUPS/RG-HUB/"
            + "PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-HUB-WEU";
    static final String VNET = "/subscriptions/5a1b0c2d-0000-4000-8000-00000000c0de/resourceGroups/rg-aks-prod/"
            + "providers/Microsoft.Network/virtualNetworks/vnet-aks-prod";
    static final String COREDNS_IP = "10.240.0.10";
    static final long DAY = 86_400;

    static DemoCluster build(long days) {
        long end = days * DAY;
        List<Node> nodes = List.of(
                new Node("aks-pool1-31415926-vmss000000", "10.224.0.4", "10.240.0.0/16"),
                new Node("aks-pool1-31415926-vmss000001", "10.224.0.5", "10.240.0.0/16"),
                new Node("aks-pool1-31415926-vmss000002", "10.224.0.6", "10.240.0.0/16"));
        return new DemoCluster(CLUSTER, nodes, List.of(
                new Workload("shop", "Deployment", "web-frontend", "web", List.of(
                        new Pod("web-frontend-6f7c9d5b8-2xkqp", "a1000000-0000-4000-8000-000000000001", "10.240.1.11", nodes.get(0).name(), 0, end),
                        new Pod("web-frontend-6f7c9d5b8-9mzrt", "a1000000-0000-4000-8000-000000000002", "10.240.1.12", nodes.get(1).name(), 0, end))),
                new Workload("shop", "Deployment", "payments-api", "payments", List.of(
                        new Pod("payments-api-7d9f8b6c4-hq2ws", "a1000000-0000-4000-8000-000000000003", "10.240.1.21", nodes.get(1).name(), 0, end))),
                new Workload("analytics", "Deployment", "reports-api", "reports", List.of(
                        new Pod("reports-api-5b6c7d8e9-kk4lp", "a1000000-0000-4000-8000-000000000004", "10.240.2.31", nodes.get(2).name(), 0, end))),
                new Workload("analytics", "Deployment", "invoice-render", "invoice", List.of(
                        // the first pod ends on day 2; its address goes to the miner below an hour later
                        new Pod("invoice-render-5c8d7f9b6-qx2lp", "a1000000-0000-4000-8000-000000000005", "10.240.3.17", nodes.get(2).name(), 0, DAY + 6 * 3600),
                        new Pod("invoice-render-5c8d7f9b6-w8r4n", "a1000000-0000-4000-8000-000000000006", "10.240.3.18", nodes.get(0).name(), DAY + 6 * 3600, end))),
                new Workload("media", "Deployment", "image-resizer", "media", List.of(
                        new Pod("image-resizer-8e7d6c5b4-zt9vx", "a1000000-0000-4000-8000-000000000007", "10.240.4.41", nodes.get(0).name(), 0, end))),
                new Workload("batch", "Deployment", "batch-worker", "batch", List.of(
                        new Pod("batch-worker-6a5b4c3d2-mn7qe", "a1000000-0000-4000-8000-000000000008", "10.240.3.17", nodes.get(1).name(), DAY + 7 * 3600, end))),
                new Workload("monitoring", "DaemonSet", "telemetry-agent", "telemetry", List.of(
                        new Pod("telemetry-agent-7hx2k", "a1000000-0000-4000-8000-000000000009", "10.240.0.51", nodes.get(0).name(), 0, end),
                        new Pod("telemetry-agent-b4p9w", "a1000000-0000-4000-8000-00000000000a", "10.240.0.52", nodes.get(1).name(), 0, end),
                        new Pod("telemetry-agent-q8m3z", "a1000000-0000-4000-8000-00000000000b", "10.240.0.53", nodes.get(2).name(), 0, end)))));
    }

    Workload workload(String name) {
        return workloads.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }
}
