package io.outflow.cli.demo;

import io.outflow.cli.demo.DemoCluster.Node;
import io.outflow.cli.demo.DemoCluster.Pod;
import io.outflow.cli.demo.DemoCluster.Workload;
import io.outflow.cli.demo.DemoTraffic.Connection;
import io.outflow.cli.demo.DemoTraffic.Lookup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the demo's traffic in the formats Azure and Kubernetes produce: Event Hubs bodies of Azure Firewall records
 * (gzip JSON Lines, one file per day), VNet flow-log {@code PT1H.json} blobs laid out as Azure stores them, and
 * {@code kubectl get --watch --output-watch-events} streams. A handful of deliberately broken records shows the
 * quarantine at work.
 */
final class DemoFiles {
    private static final DateTimeFormatter AZURE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter K8S_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final int RECORDS_PER_BODY = 100;

    private final DemoCluster cluster;
    private final DemoTraffic traffic;
    private final Instant start;
    private final Random random = new Random(7);

    DemoFiles(DemoCluster cluster, DemoTraffic traffic, Instant start) {
        this.cluster = cluster;
        this.traffic = traffic;
        this.start = start;
    }

    /** Writes every input file under {@code dir}; returns the Kubernetes history file. */
    Path write(Path dir, long days) throws IOException {
        writeFirewall(dir.resolve("firewall"), days);
        writeFlowLogs(dir.resolve("flowlogs"));
        return writeWatchEvents(dir.resolve("k8s"));
    }

    private void writeFirewall(Path dir, long days) throws IOException {
        Files.createDirectories(dir);
        List<List<String>> perDay = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            perDay.add(new ArrayList<>());
        }
        for (Connection c : traffic.connections) {
            String record = c.networkRule() ? networkRule(c) : applicationRule(c);
            if (record != null) {
                perDay.get((int) (c.second() / DemoCluster.DAY)).add(record);
            }
        }
        for (Lookup lookup : traffic.lookups) {
            perDay.get((int) (lookup.second() / DemoCluster.DAY)).add(dnsQuery(lookup));
        }
        for (int d = 0; d < days; d++) {
            Path file = dir.resolve(String.format("azfw-%s.jsonl.gz", start.plusSeconds(d * DemoCluster.DAY)
                    .toString().substring(0, 10)));
            try (Writer out = gzipWriter(file)) {
                List<String> records = perDay.get(d);
                for (int i = 0; i < records.size(); i += RECORDS_PER_BODY) {
                    out.write("{\"records\":[");
                    out.write(String.join(",", records.subList(i, Math.min(records.size(), i + RECORDS_PER_BODY))));
                    out.write("]}\n");
                }
                if (d == days - 1) {
                    writeBrokenRecords(out, d);
                }
            }
        }
    }

    private void writeBrokenRecords(Writer out, int day) throws IOException {
        String time = AZURE_TIME.format(start.plusSeconds(day * DemoCluster.DAY + 3600));
        out.write("{\"category\":\"AZFWNetworkRule\",\"time\":\"" + time + "\",\"resourceId\":\"" + DemoCluster.FIREWALL
                + "\",\"properties\":{\"Protocol\":\"TCP\",\"SourceIp\":\"10.240.999.1\",\"SourcePort\":1,"
                + "\"DestinationIp\":\"192.0.2.1\",\"DestinationPort\":443,\"Action\":\"Allow\"}}\n");
        out.write("{\"category\":\"AzureFirewallNetworkRule\",\"operationName\":\"AzureFirewallNetworkRuleLog\","
                + "\"time\":\"" + time + "\",\"resourceId\":\"" + DemoCluster.FIREWALL
                + "\",\"properties\":{\"msg\":\"Something the firewall has never said.\"}}\n");
        out.write("{\"category\":\"AZFWApplicationRule\",\"time\":\"" + time + "\",\"properties\":{\"SourceIp\":\n");
    }

    private String applicationRule(Connection c) {
        if (c.fqdn() == null) {
            return null;
        }
        return "{\"category\":\"AZFWApplicationRule\",\"time\":\"" + time(c.second()) + "\",\"resourceId\":\""
                + DemoCluster.FIREWALL + "\",\"properties\":{\"Protocol\":\"HTTPS\",\"SourceIp\":\"" + c.pod().ip()
                + "\",\"SourcePort\":" + sourcePort(c) + ",\"DestinationPort\":" + c.port() + ",\"Fqdn\":\"" + c.fqdn()
                + "\",\"TargetUrl\":\"\",\"Action\":\"Allow\",\"Policy\":\"fwp-hub-weu\",\"RuleCollectionGroup\":"
                + "\"aks-egress\",\"RuleCollection\":\"outbound-web\",\"Rule\":\"allow-https\",\"WebCategory\":\"\","
                + "\"IsTlsInspected\":false,\"IsExplicitProxyRequest\":false,\"ActionReason\":\"\"}}";
    }

    private String networkRule(Connection c) {
        return "{\"category\":\"AZFWNetworkRule\",\"time\":\"" + time(c.second()) + "\",\"resourceId\":\""
                + DemoCluster.FIREWALL + "\",\"properties\":{\"Protocol\":\"" + c.protocol() + "\",\"SourceIp\":\""
                + c.pod().ip() + "\",\"SourcePort\":" + sourcePort(c) + ",\"DestinationIp\":\"" + c.destinationIp()
                + "\",\"DestinationPort\":" + c.port() + ",\"Action\":\"Allow\",\"ActionReason\":\"\",\"Policy\":"
                + "\"fwp-hub-weu\",\"RuleCollectionGroup\":\"aks-egress\",\"RuleCollection\":\"outbound-any\","
                + "\"Rule\":\"allow-any\"}}";
    }

    private String dnsQuery(Lookup lookup) {
        return "{\"category\":\"AZFWDnsQuery\",\"time\":\"" + time(lookup.second()) + "\",\"resourceId\":\""
                + DemoCluster.FIREWALL + "\",\"properties\":{\"SourceIp\":\"" + DemoCluster.COREDNS_IP
                + "\",\"SourcePort\":53211,\"QueryId\":4711,\"QueryType\":\"A\",\"QueryClass\":\"IN\",\"QueryName\":\""
                + lookup.name() + ".\",\"Protocol\":\"udp\",\"RequestSize\":46,\"DnssecOkBit\":false,"
                + "\"EDNS0BufferSize\":512,\"ResponseCode\":\"NOERROR\",\"ResponseFlags\":\"qr,rd,ra\","
                + "\"ResponseSize\":62,\"RequestDurationSecs\":0.00084,\"ErrorNumber\":0,\"ErrorMessage\":\"\"}}";
    }

    /** One PT1H.json per hour and node, with a B tuple at the start of each connection and an E tuple with bytes. */
    private void writeFlowLogs(Path dir) throws IOException {
        Map<String, List<String>> blobs = new TreeMap<>();
        for (Connection c : traffic.connections) {
            if (c.bytesOut() <= 0) {
                continue;
            }
            long ms = start.plusSeconds(c.second()).toEpochMilli();
            String tuple = ms + "," + c.pod().ip() + "," + c.destinationIp() + "," + sourcePort(c) + "," + c.port()
                    + ",6,O,";
            long packetsOut = Math.max(1, c.bytesOut() / 1400);
            long packetsIn = Math.max(1, c.bytesIn() / 1400);
            List<String> tuples = blobs.computeIfAbsent(blobKey(c), k -> new ArrayList<>());
            if (c.networkRule()) {
                tuples.add(tuple + "C,NX," + packetsOut + "," + c.bytesOut() + "," + packetsIn + "," + c.bytesIn());
            } else {
                tuples.add(tuple + "B,NX,,,,");
                tuples.add((ms + 5_000) + tuple.substring(tuple.indexOf(',')) + "E,NX," + packetsOut + ","
                        + c.bytesOut() + "," + packetsIn + "," + c.bytesIn());
            }
        }
        for (Map.Entry<String, List<String>> blob : blobs.entrySet()) {
            String[] key = blob.getKey().split("\\|");
            Instant hour = Instant.parse(key[0]);
            String mac = key[1];
            String stamp = hour.toString();
            Path file = dir.resolve(String.format("y=%s/m=%s/d=%s/h=%s/m=00/macAddress=%s/PT1H.json",
                    stamp.substring(0, 4), stamp.substring(5, 7), stamp.substring(8, 10), stamp.substring(11, 13), mac));
            Files.createDirectories(file.getParent());
            StringBuilder doc = new StringBuilder("{\n  \"records\": [\n    {\n");
            doc.append("      \"time\": \"").append(AZURE_TIME.format(hour.plusSeconds(3599))).append("\",\n")
                    .append("      \"flowLogVersion\": 4,\n")
                    .append("      \"flowLogGUID\": \"66aa0000-0000-4000-8000-0000000000f1\",\n")
                    .append("      \"macAddress\": \"").append(mac).append("\",\n")
                    .append("      \"category\": \"FlowLogFlowEvent\",\n")
                    .append("      \"flowLogResourceID\": \"/SUBSCRIPTIONS/5A1B0C2D-0000-4000-8000-00000000C0DE/"
                            + "RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/"
                            + "NETWORKWATCHER_WESTEUROPE/FLOWLOGS/VNET-AKS-PROD\",\n")
                    .append("      \"targetResourceID\": \"").append(DemoCluster.VNET).append("\",\n")
                    .append("      \"operationName\": \"FlowLogFlowEvent\",\n")
                    .append("      \"flowRecords\": {\n        \"flows\": [\n          {\n")
                    .append("            \"aclID\": \"9d2f1c3a-0000-4000-8000-00000000acl1\",\n")
                    .append("            \"flowGroups\": [\n              {\n")
                    .append("                \"rule\": \"DefaultRule_AllowInternetOutBound\",\n")
                    .append("                \"flowTuples\": [\n");
            List<String> tuples = blob.getValue();
            for (int i = 0; i < tuples.size(); i++) {
                doc.append("                  \"").append(tuples.get(i)).append(i + 1 < tuples.size() ? "\",\n" : "\"\n");
            }
            doc.append("                ]\n              }\n            ]\n          }\n        ]\n      }\n    }\n  ]\n}\n");
            Files.writeString(file, doc, StandardCharsets.UTF_8);
        }
    }

    private String blobKey(Connection c) {
        long hour = (c.second() / 3600) * 3600;
        String node = c.pod().node();
        return start.plusSeconds(hour) + "|" + "7C1E52" + String.format("%06X", Math.abs(node.hashCode()) & 0xFFFFFF);
    }

    private Path writeWatchEvents(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("watch-events.jsonl");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Node node : cluster.nodes()) {
                out.write("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{"
                        + "\"name\":\"" + node.name() + "\",\"uid\":\"" + uid("node" + node.name()) + "\","
                        + "\"creationTimestamp\":\"" + k8sTime(-30 * DemoCluster.DAY) + "\",\"labels\":{"
                        + "\"agentpool\":\"pool1\",\"kubernetes.io/os\":\"linux\"}},\"spec\":{\"podCIDR\":\""
                        + node.podCidr() + "\"},\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\""
                        + node.ip() + "\"},{\"type\":\"Hostname\",\"address\":\"" + node.name() + "\"}]}}}\n");
            }
            for (Workload w : cluster.workloads()) {
                String owner = ownerOf(w);
                if (w.kind().equals("Deployment")) {
                    out.write("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\","
                            + "\"metadata\":{\"name\":\"" + owner + "\",\"namespace\":\"" + w.namespace() + "\","
                            + "\"uid\":\"" + uid("rs" + owner) + "\",\"creationTimestamp\":\"" + k8sTime(-DemoCluster.DAY)
                            + "\",\"labels\":{\"app\":\"" + w.name() + "\",\"pod-template-hash\":\""
                            + owner.substring(w.name().length() + 1) + "\"},\"ownerReferences\":[{\"apiVersion\":"
                            + "\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"" + w.name() + "\",\"uid\":\""
                            + uid("deploy" + w.name()) + "\",\"controller\":true}]}}}\n");
                }
            }
            List<String[]> events = new ArrayList<>();
            for (Workload w : cluster.workloads()) {
                for (Pod pod : w.pods()) {
                    events.add(new String[] {String.format("%012d", Math.max(0, pod.startSecond())), podEvent("ADDED", w, pod, false)});
                    if (pod.endSecond() < endOfDemo()) {
                        events.add(new String[] {String.format("%012d", pod.endSecond()), podEvent("MODIFIED", w, pod, true)});
                        events.add(new String[] {String.format("%012d", pod.endSecond() + 30), podEvent("DELETED", w, pod, true)});
                    }
                }
            }
            events.sort((a, b) -> a[0].compareTo(b[0]));
            for (String[] e : events) {
                out.write(e[1]);
                out.write('\n');
            }
        }
        return file;
    }

    private long endOfDemo() {
        return traffic.connections.isEmpty() ? 0 : traffic.connections.get(traffic.connections.size() - 1).second() + 1;
    }

    private String podEvent(String type, Workload w, Pod pod, boolean terminating) {
        String owner = ownerOf(w);
        String ownerKind = w.kind().equals("Deployment") ? "ReplicaSet" : w.kind();
        String ownerApi = "apps/v1";
        String hashLabel = w.kind().equals("Deployment")
                ? ",\"pod-template-hash\":\"" + owner.substring(w.name().length() + 1) + "\"" : "";
        String deletion = terminating ? ",\"deletionTimestamp\":\"" + k8sTime(pod.endSecond())
                + "\",\"deletionGracePeriodSeconds\":30" : "";
        String hostIp = cluster.nodes().stream().filter(n -> n.name().equals(pod.node())).findFirst().orElseThrow().ip();
        return "{\"type\":\"" + type + "\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{"
                + "\"name\":\"" + pod.name() + "\",\"namespace\":\"" + w.namespace() + "\",\"uid\":\"" + pod.uid()
                + "\",\"creationTimestamp\":\"" + k8sTime(pod.startSecond() - 3) + "\"" + deletion + ",\"labels\":{"
                + "\"app\":\"" + w.name() + "\"" + hashLabel + "},\"ownerReferences\":[{\"apiVersion\":\"" + ownerApi
                + "\",\"kind\":\"" + ownerKind + "\",\"name\":\"" + owner + "\",\"uid\":\"" + uid("rs" + owner)
                + "\",\"controller\":true,\"blockOwnerDeletion\":true}]},\"spec\":{\"nodeName\":\"" + pod.node()
                + "\",\"serviceAccountName\":\"" + w.serviceAccount() + "\",\"containers\":[{\"name\":\"" + w.name()
                + "\",\"image\":\"contoso.azurecr.io/" + w.name() + ":1.4.2\"}]},\"status\":{\"phase\":\"Running\","
                + "\"hostIP\":\"" + hostIp + "\",\"podIP\":\"" + pod.ip() + "\",\"podIPs\":[{\"ip\":\"" + pod.ip()
                + "\"}],\"startTime\":\"" + k8sTime(pod.startSecond()) + "\",\"conditions\":[{\"type\":\"Ready\","
                + "\"status\":\"" + (terminating ? "False" : "True") + "\",\"lastTransitionTime\":\""
                + k8sTime(terminating ? pod.endSecond() : pod.startSecond() + 2) + "\"}]}}}";
    }

    private static String ownerOf(Workload w) {
        if (w.kind().equals("Deployment")) {
            return w.name() + "-" + w.pods().get(0).name().split("-")[w.name().split("-").length];
        }
        return w.name();
    }

    private int sourcePort(Connection c) {
        // deterministic per connection, so the firewall record and its flow tuples agree
        if (c.networkRule()) {
            return 40_001;
        }
        return 32_768 + (int) Math.floorMod(c.second() * 31 + c.pod().ip().hashCode() + c.port(), 28_000L);
    }

    private String time(long second) {
        return AZURE_TIME.format(start.plusSeconds(second).plusMillis(random.nextInt(1000)));
    }

    private String k8sTime(long second) {
        return K8S_TIME.format(start.plusSeconds(second));
    }

    private static String uid(String seed) {
        String hex = String.format("%032x", new java.math.BigInteger(1, seed.getBytes(StandardCharsets.UTF_8))
                .mod(java.math.BigInteger.ONE.shiftLeft(128)));
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-8"
                + hex.substring(17, 20) + "-" + hex.substring(20, 32);
    }

    private static Writer gzipWriter(Path file) throws IOException {
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16);
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }
}
