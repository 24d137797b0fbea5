package io.outflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes watch-event files shaped like {@code kubectl get <kind> -A --watch --output-watch-events -o json}. */
final class KubectlWatch {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<ObjectNode> events = new ArrayList<>();

    static String uid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A running pod; pass {@code deletion} to add deletionTimestamp with a 30 s grace period. */
    KubectlWatch pod(String type, String namespace, String name, String ownerKind, String ownerName, String ip,
                     String node, String hostIp, String start, String deletion, boolean hostNetwork) {
        ObjectNode pod = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", namespace)
                .put("uid", uid(namespace + "/" + name)).put("resourceVersion", "4821" + events.size())
                .put("creationTimestamp", start);
        ObjectNode labels = meta.putObject("labels").put("app", ownerName == null ? name : ownerName);
        if ("ReplicaSet".equals(ownerKind)) {
            labels.put("pod-template-hash", ownerName.substring(ownerName.lastIndexOf('-') + 1));
        }
        if (ownerKind != null) {
            meta.putArray("ownerReferences").addObject().put("apiVersion", "apps/v1").put("kind", ownerKind)
                    .put("name", ownerName).put("uid", uid(ownerKind + ownerName)).put("controller", true)
                    .put("blockOwnerDeletion", true);
        }
        if (deletion != null) {
            meta.put("deletionTimestamp", deletion).put("deletionGracePeriodSeconds", 30);
        }
        ObjectNode spec = pod.putObject("spec").put("nodeName", node).put("serviceAccountName", "default");
        spec.putArray("containers").addObject().put("name", "app").put("image", "contoso.azurecr.io/app:1.0.0");
        if (hostNetwork) {
            spec.put("hostNetwork", true);
        }
        ObjectNode status = pod.putObject("status").put("phase", "Running").put("hostIP", hostIp).put("podIP", ip)
                .put("startTime", start);
        status.putArray("podIPs").addObject().put("ip", ip);
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
                .put("lastTransitionTime", start);
        return event(type, pod);
    }

    KubectlWatch replicaSet(String namespace, String name, String deployment) {
        ObjectNode rs = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
        ObjectNode meta = rs.putObject("metadata").put("name", name).put("namespace", namespace)
                .put("uid", uid("ReplicaSet" + name)).put("creationTimestamp", "2026-01-14T00:00:00Z");
        ArrayNode owners = meta.putArray("ownerReferences");
        owners.addObject().put("kind", "Deployment").put("name", deployment).put("controller", true);
        return event("ADDED", rs);
    }

    KubectlWatch node(String name, String ip, String podCidr) {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
        node.putObject("metadata").put("name", name).put("uid", uid("node" + name))
                .put("creationTimestamp", "2026-01-10T00:00:00Z");
        node.putObject("spec").put("podCIDR", podCidr).putArray("podCIDRs").add(podCidr);
        ArrayNode addresses = node.putObject("status").putArray("addresses");
        addresses.addObject().put("type", "InternalIP").put("address", ip);
        addresses.addObject().put("type", "Hostname").put("address", name);
        return event("ADDED", node);
    }

    private KubectlWatch event(String type, ObjectNode object) {
        ObjectNode event = JSON.createObjectNode().put("type", type);
        event.set("object", object);
        events.add(event);
        return this;
    }

    Path write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode event : events) {
            text.append(JSON.writeValueAsString(event)).append('\n');
        }
        Files.writeString(file, text);
        return file;
    }
}
