package io.outflow.replay.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A labelled day of a small cluster's egress, written as Azure Firewall application-rule bodies spread over two Event
 * Hubs partitions (delivered up to a minute late, a few bodies twice) and the cluster's pod history as kubectl watch
 * events. One incident, two benign traps:
 * <ul>
 *   <li>incident: {@code batch/Deployment/reporter} beacons to {@code update-check.badcdn.example} every five
 *       minutes with ±20 % jitter — a beaconing alert is expected;</li>
 *   <li>trap: {@code ops/Deployment/agent} polls Application Insights ({@code dc.services.visualstudio.com}) every
 *       minute, perfectly regular: the built-in Azure Monitor allowlist must suppress it;</li>
 *   <li>trap: {@code shop/Deployment/web} (two replicas) browses thirty CDN names at random: no alert.</li>
 * </ul>
 */
public final class EgressScenario {
    public static final String CLUSTER = "aks-test";
    public static final Instant START = Instant.parse("2025-09-01T00:00:00Z");
    public static final Duration LENGTH = Duration.ofHours(26);
    public static final String BEACON_WORKLOAD = "reporter";
    public static final String BEACON_DOMAIN = "update-check.badcdn.example";
    private static final String FIREWALL = "/SUBSCRIPTIONS/00000000-0000-4000-8000-00000000BEEF/RESOURCEGROUPS/RG-HUB"
            + "/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-HUB";

    /** One pod of the scenario. */
    private record Pod(String namespace, String workload, String hash, String suffix, String ip, String node) {
        String name() {
            return workload + "-" + hash + "-" + suffix;
        }
    }

    private static final List<Pod> PODS = List.of(
            new Pod("shop", "web", "6d5f7c8b9", "a1b2c", "10.244.1.10", "aks-pool1-0"),
            new Pod("shop", "web", "6d5f7c8b9", "d3e4f", "10.244.2.11", "aks-pool1-1"),
            new Pod("ops", "agent", "7c8d9e0f1", "g5h6i", "10.244.1.20", "aks-pool1-0"),
            new Pod("batch", "reporter", "5b6c7d8e9", "j7k8l", "10.244.2.30", "aks-pool1-1"),
            new Pod("svc", "orders", "4a5b6c7d8", "m1n2o", "10.244.1.40", "aks-pool1-0"),
            new Pod("svc", "payments", "4a5b6c7d9", "p3q4r", "10.244.2.41", "aks-pool1-1"),
            new Pod("svc", "ledger", "4a5b6c7da", "s5t6u", "10.244.1.42", "aks-pool1-0"),
            new Pod("svc", "pricing", "4a5b6c7db", "v7w8x", "10.244.2.43", "aks-pool1-1"),
            new Pod("svc", "catalog", "4a5b6c7dc", "y9z0a", "10.244.1.44", "aks-pool1-0"),
            new Pod("svc", "accounts", "4a5b6c7dd", "b1c2d", "10.244.2.45", "aks-pool1-1"));
    /** The feature-flag endpoint every {@code svc} workload polls when the scenario has the shared poller. */
    public static final String SHARED_DOMAIN = "edge.flagpole-cloud.com";

    /** One record and when Event Hubs got it. */
    private record Delivery(Instant enqueued, String record) {
    }

    /** What was written. */
    public record Files(List<Path> logs, Path history, int records) {
        public List<String> logNames() {
            return logs.stream().map(Path::toString).toList();
        }

        public String historySpec() {
            return CLUSTER + "=" + history;
        }
    }

    private EgressScenario() {
    }

    /** Writes the scenario into {@code dir}; {@code partitions} files of bodies, the history beside them. */
    public static Files write(Path dir, int partitions, long seed) throws IOException {
        return write(dir, partitions, seed, false);
    }

    /**
     * The scenario, and with {@code sharedPoller} six {@code svc} workloads that poll {@link #SHARED_DOMAIN} every
     * 90 s: six beacons by timing to a destination common to the cluster, which the prevalence stage damps.
     */
    public static Files write(Path dir, int partitions, long seed, boolean sharedPoller) throws IOException {
        Random random = new Random(seed);
        List<Delivery> deliveries = new ArrayList<>();
        Instant end = START.plus(LENGTH);
        int port = 30000;
        for (Pod pod : PODS.subList(0, 2)) {
            for (Instant t = START.plusSeconds(random.nextInt(30)); t.isBefore(end);
                 t = t.plusMillis((long) (-Math.log(1 - random.nextDouble()) * 30_000))) {
                String host = "img" + random.nextInt(5) + ".cdn-" + random.nextInt(6) + ".example";
                deliveries.add(delivery(random, t, pod, host, port++ % 30000 + 32768));
            }
        }
        Pod agent = PODS.get(2);
        for (Instant t = START.plusSeconds(7); t.isBefore(end); t = t.plusSeconds(60).plusMillis(random.nextInt(200))) {
            deliveries.add(delivery(random, t, agent, "dc.services.visualstudio.com", port++ % 30000 + 32768));
        }
        Pod reporter = PODS.get(3);
        for (Instant t = START.plusSeconds(41); t.isBefore(end);
             t = t.plusMillis(300_000 + (long) ((random.nextDouble() * 2 - 1) * 60_000))) {
            deliveries.add(delivery(random, t, reporter, BEACON_DOMAIN, port++ % 30000 + 32768));
        }
        if (sharedPoller) {
            for (Pod pod : PODS.subList(4, PODS.size())) {
                for (Instant t = START.plusSeconds(random.nextInt(90)); t.isBefore(end);
                     t = t.plusMillis(90_000 + (long) ((random.nextDouble() * 2 - 1) * 1_800))) {
                    deliveries.add(delivery(random, t, pod, SHARED_DOMAIN, port++ % 30000 + 32768));
                }
            }
        }
        deliveries.sort(Comparator.comparing(Delivery::enqueued));

        List<List<String>> bodies = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            bodies.add(new ArrayList<>());
        }
        List<String> pending = new ArrayList<>();
        for (Delivery d : deliveries) {
            pending.add(d.record());
            if (pending.size() == 1 + random.nextInt(20)) {
                flush(random, bodies, pending);
            }
        }
        flush(random, bodies, pending);

        List<Path> logs = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String name = "firewall/partition-" + p + (p % 2 == 0 ? ".jsonl" : ".jsonl.gz");
            logs.add(FirewallLines.writeLines(dir.resolve(name), bodies.get(p)));
        }
        Path history = dir.resolve("k8s/watch.jsonl");
        java.nio.file.Files.createDirectories(history.getParent());
        java.nio.file.Files.write(history, watchEvents());
        return new Files(logs, history, deliveries.size());
    }

    private static void flush(Random random, List<List<String>> bodies, List<String> pending) {
        if (pending.isEmpty()) {
            return;
        }
        String body = FirewallLines.body(pending);
        List<String> partition = bodies.get(random.nextInt(bodies.size()));
        partition.add(body);
        if (random.nextInt(50) == 0) {
            // at-least-once: the same body again, a little later, possibly on another partition
            bodies.get(random.nextInt(bodies.size())).add(body);
        }
        pending.clear();
    }

    private static Delivery delivery(Random random, Instant time, Pod pod, String host, int sourcePort) {
        String record = "{\"category\":\"AZFWApplicationRule\",\"time\":\"" + time + "\",\"resourceId\":\"" + FIREWALL
                + "\",\"properties\":{\"Protocol\":\"HTTPS\",\"SourceIp\":\"" + pod.ip() + "\",\"SourcePort\":"
                + sourcePort + ",\"DestinationPort\":443,\"Fqdn\":\"" + host + "\",\"TargetUrl\":\"\",\"Action\":"
                + "\"Allow\",\"Policy\":\"fwp-hub\",\"RuleCollectionGroup\":\"aks\",\"RuleCollection\":\"web\","
                + "\"Rule\":\"allow-https\",\"WebCategory\":\"\",\"IsTlsInspected\":false,"
                + "\"IsExplicitProxyRequest\":false,\"ActionReason\":\"\"}}";
        return new Delivery(time.plusMillis(random.nextInt(60_000)), record);
    }

    private static List<String> watchEvents() {
        List<String> lines = new ArrayList<>();
        String created = START.minus(Duration.ofDays(1)).toString();
        for (int n = 0; n < 2; n++) {
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":"
                    + "\"aks-pool1-" + n + "\",\"uid\":\"00000000-0000-4000-8000-00000000000" + n
                    + "\",\"creationTimestamp\":\"" + created + "\"},\"spec\":{\"podCIDR\":\"10.244." + (n + 1)
                    + ".0/24\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.224.0." + (4 + n)
                    + "\"}]}}}");
        }
        int uid = 10;
        for (Pod pod : PODS) {
            String rs = pod.workload() + "-" + pod.hash();
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"metadata\":"
                    + "{\"name\":\"" + rs + "\",\"namespace\":\"" + pod.namespace() + "\",\"uid\":\"00000000-0000-4000-"
                    + "8000-0000000001" + (uid++) + "\",\"creationTimestamp\":\"" + created + "\",\"labels\":{\"app\":\""
                    + pod.workload() + "\",\"pod-template-hash\":\"" + pod.hash() + "\"},\"ownerReferences\":[{"
                    + "\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"" + pod.workload()
                    + "\",\"uid\":\"00000000-0000-4000-8000-0000000002" + (uid++) + "\",\"controller\":true}]}}}");
        }
        for (Pod pod : PODS) {
            String hostIp = pod.node().endsWith("0") ? "10.224.0.4" : "10.224.0.5";
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                    + pod.name() + "\",\"namespace\":\"" + pod.namespace() + "\",\"uid\":\"00000000-0000-4000-8000-"
                    + "0000000003" + (uid++) + "\",\"creationTimestamp\":\"" + created + "\",\"labels\":{\"app\":\""
                    + pod.workload() + "\",\"pod-template-hash\":\"" + pod.hash() + "\"},\"ownerReferences\":[{"
                    + "\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"" + pod.workload() + "-"
                    + pod.hash() + "\",\"uid\":\"x\",\"controller\":true}]},\"spec\":{\"nodeName\":\"" + pod.node()
                    + "\",\"serviceAccountName\":\"" + pod.workload() + "\"},\"status\":{\"phase\":\"Running\","
                    + "\"hostIP\":\"" + hostIp + "\",\"podIP\":\"" + pod.ip() + "\",\"podIPs\":[{\"ip\":\"" + pod.ip()
                    + "\"}],\"startTime\":\"" + created + "\"}}}");
        }
        return lines;
    }
}
