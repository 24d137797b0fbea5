package io.outflow.replay.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A synthetic multi-day history for throughput measurements: a cluster of {@code pods} pods in thirty workloads on
 * eight nodes; Azure Firewall application-rule bodies (about twenty records each) in eight gzip'd partition exports,
 * and VNet flow-log {@code PT1H.json} documents (one per node and hour) with the pods' tuples; the pods' watch events.
 * Three records in five are firewall records, two are flow tuples.
 */
final class BenchmarkHistory {
    static final Instant START = Instant.parse("2025-10-06T00:00:00Z");
    private static final int NODES = 8;
    private static final int WORKLOADS = 30;
    private static final String FIREWALL = "/SUBSCRIPTIONS/00000000-0000-4000-8000-00000000BE7C/RESOURCEGROUPS/RG-HUB"
            + "/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-BENCH";
    private static final String FLOWLOG = "/SUBSCRIPTIONS/00000000-0000-4000-8000-00000000BE7C/RESOURCEGROUPS/"
            + "NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NW/FLOWLOGS/FL-BENCH";
    private static final String VNET = "/subscriptions/00000000-0000-4000-8000-00000000be7c/resourceGroups/rg-aks/"
            + "providers/Microsoft.Network/virtualNetworks/vnet-aks";

    private BenchmarkHistory() {
    }

    /** Where it was written: the log files and the watch events. */
    record Written(List<Path> logs, Path history, long records, long bytes) {
    }

    static Written write(Path dir, long records, Duration span, int pods) throws IOException {
        Random random = new Random(20251006);
        Files.createDirectories(dir.resolve("firewall"));
        Files.createDirectories(dir.resolve("flowlogs"));
        Files.createDirectories(dir.resolve("k8s"));
        List<Path> logs = new ArrayList<>();
        long firewallRecords = records * 3 / 5;
        long tupleRecords = records - firewallRecords;
        long spanMillis = span.toMillis();

        // firewall: each partition holds deliveries in enqueue order, a few seconds after their event time
        int partitions = 8;
        long perPartition = firewallRecords / partitions;
        for (int p = 0; p < partitions; p++) {
            Path file = dir.resolve("firewall/partition-" + p + ".jsonl.gz");
            logs.add(file);
            try (Writer out = gzip(file)) {
                StringBuilder body = new StringBuilder(16 * 1024);
                int inBody = 0;
                for (long i = 0; i < perPartition; i++) {
                    long time = START.toEpochMilli() + i * spanMillis / perPartition + random.nextInt(5_000);
                    int pod = random.nextInt(pods);
                    int workload = pod % WORKLOADS;
                    String host = destination(random, workload);
                    body.append(inBody == 0 ? "{\"records\":[" : ",");
                    body.append("{\"category\":\"AZFWApplicationRule\",\"time\":\"").append(Instant.ofEpochMilli(time))
                            .append("\",\"resourceId\":\"").append(FIREWALL).append("\",\"properties\":{\"Protocol\":"
                                    + "\"HTTPS\",\"SourceIp\":\"").append(podIp(pod)).append("\",\"SourcePort\":")
                            .append(32768 + random.nextInt(28000)).append(",\"DestinationPort\":443,\"Fqdn\":\"")
                            .append(host).append("\",\"TargetUrl\":\"\",\"Action\":\"Allow\",\"Policy\":\"fwp\","
                                    + "\"RuleCollectionGroup\":\"aks\",\"RuleCollection\":\"web\",\"Rule\":\"https\","
                                    + "\"WebCategory\":\"\",\"IsTlsInspected\":false,\"IsExplicitProxyRequest\":false,"
                                    + "\"ActionReason\":\"\"}}");
                    if (++inBody == 20) {
                        out.write(body.append("]}\n").toString());
                        body.setLength(0);
                        inBody = 0;
                    }
                }
                if (inBody > 0) {
                    out.write(body.append("]}\n").toString());
                }
            }
        }

        // flow logs: one PT1H.json per node and hour, its pods' tuples in time order
        long hours = Math.max(1, span.toHours());
        long perFile = Math.max(1, tupleRecords / (hours * NODES));
        for (long h = 0; h < hours; h++) {
            Instant hour = START.plus(Duration.ofHours(h));
            for (int node = 0; node < NODES; node++) {
                Path file = dir.resolve("flowlogs/y=2025/h=" + h + "/node-" + node + "/PT1H.json");
                Files.createDirectories(file.getParent());
                logs.add(file);
                StringBuilder doc = new StringBuilder((int) perFile * 64);
                doc.append("{\"records\":[{\"time\":\"").append(hour.plus(Duration.ofHours(1)))
                        .append("\",\"flowLogVersion\":4,\"flowLogGUID\":\"00000000-0000-4000-8000-0000000000").append(10 + node)
                        .append("\",\"macAddress\":\"6045BD00000").append(node).append("\",\"category\":\"FlowLogFlowEvent\","
                                + "\"flowLogResourceID\":\"").append(FLOWLOG).append("\",\"targetResourceID\":\"")
                        .append(VNET).append("\",\"operationName\":\"FlowLogFlowEvent\",\"flowRecords\":{\"flows\":[{"
                                + "\"aclID\":\"00000000-0000-4000-8000-000000000acl\",\"flowGroups\":[{\"rule\":"
                                + "\"AllowInternetOutBound\",\"flowTuples\":[");
                for (long i = 0; i < perFile; i++) {
                    long seconds = hour.getEpochSecond() + i * 3600 / perFile;
                    int pod = node + NODES * random.nextInt(Math.max(1, pods / NODES));
                    if (i > 0) {
                        doc.append(',');
                    }
                    doc.append('"').append(seconds).append(',').append(podIp(pod)).append(",203.0.113.")
                            .append(1 + (pod % WORKLOADS) * 3 + random.nextInt(3)).append(',')
                            .append(32768 + random.nextInt(28000)).append(",443,6,O,C,NX,")
                            .append(5 + random.nextInt(20)).append(',').append(2000 + random.nextInt(60000))
                            .append(',').append(5 + random.nextInt(20)).append(',')
                            .append(4000 + random.nextInt(200000)).append('"');
                }
                doc.append("]}]}]}}]}\n");
                Files.writeString(file, doc);
            }
        }

        Path history = dir.resolve("k8s/watch.jsonl");
        Files.write(history, watchEvents(pods));
        long bytes = 0;
        for (Path log : logs) {
            bytes += Files.size(log);
        }
        return new Written(logs, history, perPartition * partitions + perFile * hours * NODES, bytes);
    }

    private static String destination(Random random, int workload) {
        int pick = random.nextInt(100);
        if (pick < 30) {
            return "api" + (workload % 7) + ".shared-saas.example";
        }
        if (pick < 60) {
            return "svc" + random.nextInt(4) + ".w" + workload + ".example";
        }
        return "edge" + random.nextInt(40) + ".cdn-" + random.nextInt(8) + ".example";
    }

    private static String podIp(int pod) {
        return "10.244." + (pod / 250) + "." + (pod % 250 + 2);
    }

    private static List<String> watchEvents(int pods) {
        List<String> lines = new ArrayList<>();
        String created = START.minus(Duration.ofDays(1)).toString();
        for (int n = 0; n < NODES; n++) {
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":"
                    + "\"aks-bench-" + n + "\",\"uid\":\"10000000-0000-4000-8000-0000000000" + (10 + n)
                    + "\",\"creationTimestamp\":\"" + created + "\"},\"status\":{\"addresses\":[{\"type\":"
                    + "\"InternalIP\",\"address\":\"10.224.0." + (4 + n) + "\"}]}}}");
        }
        for (int w = 0; w < WORKLOADS; w++) {
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"metadata\":"
                    + "{\"name\":\"w" + w + "-5d6f7c8b9\",\"namespace\":\"ns" + (w % 6) + "\",\"uid\":\"20000000-0000-"
                    + "4000-8000-0000000000" + (10 + w) + "\",\"creationTimestamp\":\"" + created + "\","
                    + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"w" + w
                    + "\",\"uid\":\"30000000-0000-4000-8000-0000000000" + (10 + w) + "\",\"controller\":true}]}}}");
        }
        for (int p = 0; p < pods; p++) {
            int w = p % WORKLOADS;
            lines.add("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"w"
                    + w + "-5d6f7c8b9-p" + p + "\",\"namespace\":\"ns" + (w % 6) + "\",\"uid\":\"40000000-0000-4000-"
                    + "8000-" + String.format("%012d", p) + "\",\"creationTimestamp\":\"" + created + "\",\"labels\":"
                    + "{\"app\":\"w" + w + "\",\"pod-template-hash\":\"5d6f7c8b9\"},\"ownerReferences\":[{\"apiVersion\":"
                    + "\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"w" + w + "-5d6f7c8b9\",\"uid\":\"x\","
                    + "\"controller\":true}]},\"spec\":{\"nodeName\":\"aks-bench-" + (p % NODES) + "\"},\"status\":{"
                    + "\"phase\":\"Running\",\"hostIP\":\"10.224.0." + (4 + p % NODES) + "\",\"podIP\":\"" + podIp(p)
                    + "\",\"podIPs\":[{\"ip\":\"" + podIp(p) + "\"}],\"startTime\":\"" + created + "\"}}}");
        }
        return lines;
    }

    private static Writer gzip(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        OutputStream gz = new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
        return new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16);
    }
}
