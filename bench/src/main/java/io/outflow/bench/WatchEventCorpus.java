package io.outflow.bench;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.core.util.Separators.Spacing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Writes an invented pod watch stream shaped like {@code kubectl get pods -A --watch --output-watch-events -o json}
 * (pretty-printed with kubectl's four-space indent, managedFields, containers, volumes, conditions and container
 * statuses included), to time {@code outflow whois} on a large history:
 * {@code java -cp … io.outflow.bench.WatchEventCorpus FILE [events]}. Pods start, run and about a third are
 * deleted, their addresses reused by later pods.
 */
public final class WatchEventCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-15T00:00:00Z");

    private WatchEventCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        DefaultPrettyPrinter kubectl = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n"))
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Spacing.AFTER));
        ObjectWriter writer = JSON.writer(kubectl);
        Random random = new Random(5);
        long bytes;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            int written = 0;
            int pod = 0;
            while (written < events) {
                int address = pod % 20_000; // addresses are reused by later pods
                long start = 60L * pod;
                String name = "worker-" + (pod % 400) + "-6c5d4b3a2-" + Integer.toString(36 * 36 * 36 + pod, 36);
                String uid = new UUID(random.nextLong(), random.nextLong()).toString();
                out.write(writer.writeValueAsString(event("ADDED", pod(name, uid, address, start, "Pending", null))));
                out.write('\n');
                out.write(writer.writeValueAsString(event("MODIFIED", pod(name, uid, address, start, "Running",
                        null))));
                out.write('\n');
                written += 2;
                if (pod % 3 == 0 && written + 2 <= events) {
                    long deletion = start + 3_000 + random.nextInt(3_000);
                    for (String type : new String[] {"MODIFIED", "DELETED"}) {
                        out.write(writer.writeValueAsString(event(type, pod(name, uid, address, start, "Running",
                                deletion))));
                        out.write('\n');
                    }
                    written += 2;
                }
                pod++;
            }
        }
        bytes = Files.size(file);
        System.out.printf("%s: %d events, %.1f MB%n", file, events, bytes / 1e6);
    }

    static String address(int index) {
        return "10.244." + (index / 250) + "." + (2 + index % 250);
    }

    private static ObjectNode event(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode().put("type", type);
        event.set("object", object);
        return event;
    }

    private static ObjectNode pod(String name, String uid, int address, long startSecond, String phase,
                                  Long deletionSecond) {
        String start = T0.plusSeconds(startSecond).toString();
        String node = "aks-pool1-28764911-vmss" + String.format("%06d", address / 110);
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("creationTimestamp", start)
                .put("generateName", name.substring(0, name.lastIndexOf('-') + 1));
        if (deletionSecond != null) {
            meta.put("deletionGracePeriodSeconds", 30).put("deletionTimestamp",
                    T0.plusSeconds(deletionSecond).toString());
        }
        String rs = name.substring(0, name.lastIndexOf('-'));
        meta.putObject("labels").put("app", rs.substring(0, rs.lastIndexOf('-')))
                .put("pod-template-hash", rs.substring(rs.lastIndexOf('-') + 1));
        ObjectNode managed = meta.putArray("managedFields").addObject().put("apiVersion", "v1")
                .put("fieldsType", "FieldsV1").put("manager", "kube-controller-manager").put("operation", "Update")
                .put("time", start);
        ObjectNode fields = managed.putObject("fieldsV1");
        fields.putObject("f:metadata").putObject("f:labels").putObject("f:app");
        fields.putObject("f:spec").putObject("f:containers").putObject("k:{\"name\":\"worker\"}")
                .putObject("f:image");
        meta.put("name", name).put("namespace", "batch");
        meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("blockOwnerDeletion", true)
                .put("controller", true).put("kind", "ReplicaSet").put("name", rs).put("uid", uid.substring(0, 24)
                        + "00000000abcd");
        meta.put("resourceVersion", Long.toString(48_000_000L + startSecond)).put("uid", uid);
        ObjectNode spec = pod.putObject("spec");
        ObjectNode container = spec.putArray("containers").addObject().put("image",
                "contoso.azurecr.io/worker:3.2.1").put("imagePullPolicy", "IfNotPresent").put("name", "worker");
        container.putArray("ports").addObject().put("containerPort", 8080).put("protocol", "TCP");
        container.putObject("resources").putObject("requests").put("cpu", "250m").put("memory", "256Mi");
        container.putArray("volumeMounts").addObject().put("mountPath",
                "/var/run/secrets/kubernetes.io/serviceaccount").put("name", "kube-api-access-x7q2m")
                .put("readOnly", true);
        spec.put("dnsPolicy", "ClusterFirst").put("nodeName", node).put("restartPolicy", "Always")
                .put("schedulerName", "default-scheduler").put("serviceAccount", "worker")
                .put("serviceAccountName", "worker").put("terminationGracePeriodSeconds", 30);
        spec.putArray("tolerations").addObject().put("effect", "NoExecute")
                .put("key", "node.kubernetes.io/not-ready").put("operator", "Exists").put("tolerationSeconds", 300);
        spec.putArray("volumes").addObject().put("name", "kube-api-access-x7q2m").putObject("projected")
                .put("defaultMode", 420).putArray("sources").addObject().putObject("serviceAccountToken")
                .put("expirationSeconds", 3607).put("path", "token");
        ObjectNode status = pod.putObject("status");
        ArrayNode conditions = status.putArray("conditions");
        conditions.addObject().putNull("lastProbeTime").put("lastTransitionTime", start).put("status", "True")
                .put("type", "PodScheduled");
        if (phase.equals("Running")) {
            String ready = T0.plusSeconds(startSecond + 3).toString();
            conditions.addObject().putNull("lastProbeTime").put("lastTransitionTime", ready)
                    .put("status", deletionSecond == null ? "True" : "False").put("type", "Ready");
            status.put("hostIP", "10.224.0." + (4 + address / 110 % 250)).put("phase", "Running")
                    .put("podIP", address(address));
            status.putArray("podIPs").addObject().put("ip", address(address));
            status.put("startTime", T0.plusSeconds(startSecond + 1).toString());
            status.putArray("containerStatuses").addObject().put("containerID", "containerd://" + uid.replace("-",
                    "")).put("image", "contoso.azurecr.io/worker:3.2.1").put("name", "worker").put("ready", true)
                    .put("restartCount", 0).putObject("state").putObject("running").put("startedAt", ready);
        } else {
            status.put("phase", "Pending");
        }
        status.put("qosClass", "Burstable");
        return pod;
    }
}
