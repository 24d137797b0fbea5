package io.outflow.enrichment.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.NodeState;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.OwnerRef;
import io.outflow.schemas.PodState;
import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object (Pod, ReplicaSet, Job or Node) read from its JSON with a streaming parser, keeping only
 * what bears on address ownership and skipping the rest ({@code managedFields}, containers, volumes…) unread.
 * Fields may come in any order. {@link #toChange} distils it into the {@link IdentityChange} that informers emit
 * for the same object; the distillation rules are those of this module's README:
 * <ul>
 *   <li>{@code pod.ips}: {@code status.podIPs[].ip}, else {@code status.podIP}, in canonical text;</li>
 *   <li>{@code pod.finishedAt}: the latest {@code status.containerStatuses[].state.terminated.finishedAt}, only
 *       once {@code status.phase} is Succeeded or Failed;</li>
 *   <li>{@code pod.lastTransitionTime}: the latest {@code status.conditions[].lastTransitionTime};</li>
 *   <li>{@code owner}: the owner reference with {@code controller: true}, else the only owner reference;</li>
 *   <li>{@code node.addresses}: the InternalIP and ExternalIP addresses; {@code node.podCidrs}:
 *       {@code spec.podCIDRs}, else {@code spec.podCIDR}.</li>
 * </ul>
 */
final class KubernetesObject {
    String kind;
    String name;
    String namespace;
    String uid;
    String resourceVersion;
    long created = KubernetesTimes.NONE;
    long deleted = KubernetesTimes.NONE;
    Long gracePeriod;
    Map<String, String> labels;
    private final List<OwnerRef> owners = new ArrayList<>(1);
    private final List<Boolean> controllers = new ArrayList<>(1);
    // pod
    String nodeName;
    boolean hostNetwork;
    String serviceAccountName;
    String serviceAccount;
    String phase;
    String podIp;
    List<String> podIps;
    String hostIp;
    long startTime = KubernetesTimes.NONE;
    long lastTransition = KubernetesTimes.NONE;
    long finishedAt = KubernetesTimes.NONE;
    // node
    String podCidr;
    List<String> podCidrs;
    List<String> addresses;

    /** Reads the object whose START_OBJECT is the parser's current token, up to its END_OBJECT. */
    static KubernetesObject read(JsonParser p) throws IOException {
        KubernetesObject o = new KubernetesObject();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            o.topLevelField(field, value, p);
        }
        return o;
    }

    /** Takes one field of the object's top level; returns false when the field is not one of an object. */
    boolean topLevelField(String field, JsonToken value, JsonParser p) throws IOException {
        switch (field) {
            case "kind" -> kind = text(p, value);
            case "metadata" -> metadata(p, value);
            case "spec" -> spec(p, value);
            case "status" -> status(p, value);
            default -> {
                p.skipChildren();
                return false;
            }
        }
        return true;
    }

    private void metadata(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = text(p, value);
                case "namespace" -> namespace = text(p, value);
                case "uid" -> uid = text(p, value);
                case "resourceVersion" -> resourceVersion = text(p, value);
                case "creationTimestamp" -> created = KubernetesTimes.parse(text(p, value));
                case "deletionTimestamp" -> deleted = KubernetesTimes.parse(text(p, value));
                case "deletionGracePeriodSeconds" -> gracePeriod = value.isNumeric() ? p.getLongValue() : null;
                case "labels" -> labels = stringMap(p, value);
                case "ownerReferences" -> ownerReferences(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private void ownerReferences(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (nextObject(p)) {
            String refKind = null;
            String refName = null;
            String refUid = null;
            boolean controller = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "kind" -> refKind = text(p, value);
                    case "name" -> refName = text(p, value);
                    case "uid" -> refUid = text(p, value);
                    case "controller" -> controller = value == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
            if (refKind != null && refName != null) {
                owners.add(new OwnerRef(refKind, refName, refUid));
                controllers.add(controller);
            }
        }
    }

    private void spec(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "nodeName" -> nodeName = text(p, value);
                case "hostNetwork" -> hostNetwork = value == JsonToken.VALUE_TRUE;
                case "serviceAccountName" -> serviceAccountName = text(p, value);
                case "serviceAccount" -> serviceAccount = text(p, value);
                case "podCIDR" -> podCidr = text(p, value);
                case "podCIDRs" -> podCidrs = strings(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private void status(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "phase" -> phase = text(p, value);
                case "podIP" -> podIp = text(p, value);
                case "podIPs" -> podIps = objectField(p, value, "ip");
                case "hostIP" -> hostIp = text(p, value);
                case "startTime" -> startTime = KubernetesTimes.parse(text(p, value));
                case "conditions" -> conditions(p, value);
                case "containerStatuses" -> containerStatuses(p, value);
                case "addresses" -> nodeAddresses(p, value);
                default -> p.skipChildren();
            }
        }
    }

    private void conditions(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (nextObject(p)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("lastTransitionTime")) {
                    lastTransition = Math.max(lastTransition, KubernetesTimes.parse(text(p, value)));
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void containerStatuses(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        while (nextObject(p)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("state") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String state = p.currentName();
                        JsonToken stateValue = p.nextToken();
                        if (state.equals("terminated") && stateValue == JsonToken.START_OBJECT) {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken v = p.nextToken();
                                if (f.equals("finishedAt")) {
                                    finishedAt = Math.max(finishedAt, KubernetesTimes.parse(text(p, v)));
                                } else {
                                    p.skipChildren();
                                }
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private void nodeAddresses(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        List<String> out = new ArrayList<>(2);
        while (nextObject(p)) {
            String type = null;
            String address = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "type" -> type = text(p, value);
                    case "address" -> address = text(p, value);
                    default -> p.skipChildren();
                }
            }
            if (("InternalIP".equals(type) || "ExternalIP".equals(type)) && address != null) {
                out.add(address);
            }
        }
        addresses = out;
    }

    /** The change this object's state makes; null for kinds the timeline does not use. */
    IdentityChange toChange(String cluster, ChangeType type, Instant observedAt) {
        ObjectKind objectKind = objectKind(kind);
        if (objectKind == null || name == null) {
            return null;
        }
        IdentityChange change = new IdentityChange();
        change.setCluster(cluster);
        change.setChangeType(type);
        change.setObjectKind(objectKind);
        change.setUid(uid);
        change.setNamespace(namespace);
        change.setName(name);
        change.setResourceVersion(resourceVersion);
        change.setObservedAt(observedAt);
        change.setCreationTime(instant(created));
        change.setDeletionTime(instant(deleted));
        change.setDeletionGracePeriodSeconds(deleted == KubernetesTimes.NONE ? null : gracePeriod);
        change.setOwner(controller());
        change.setLabels(labels == null ? new HashMap<>() : labels);
        if (objectKind == ObjectKind.POD) {
            PodState pod = new PodState();
            pod.setIps(canonicalAddresses(podIps != null && !podIps.isEmpty() ? podIps
                    : podIp != null ? List.of(podIp) : List.of()));
            IpAddress host = IpAddress.parse(hostIp);
            pod.setHostIp(host == null ? null : host.toString());
            pod.setNodeName(emptyToNull(nodeName));
            pod.setHostNetwork(hostNetwork);
            pod.setPhase(emptyToNull(phase));
            pod.setServiceAccount(emptyToNull(serviceAccountName != null ? serviceAccountName : serviceAccount));
            pod.setStartTime(instant(startTime));
            boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
            pod.setFinishedAt(terminal ? instant(finishedAt) : null);
            pod.setLastTransitionTime(instant(lastTransition));
            change.setPod(pod);
        } else if (objectKind == ObjectKind.NODE) {
            NodeState node = new NodeState();
            node.setAddresses(canonicalAddresses(addresses == null ? List.of() : addresses));
            List<String> ranges = new ArrayList<>();
            for (String text : podCidrs != null && !podCidrs.isEmpty() ? podCidrs
                    : podCidr != null ? List.of(podCidr) : List.<String>of()) {
                Cidr cidr = Cidr.parse(text);
                if (cidr != null) {
                    ranges.add(cidr.normalized().toString());
                }
            }
            node.setPodCidrs(ranges);
            change.setNode(node);
        }
        return change;
    }

    static ObjectKind objectKind(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "Pod" -> ObjectKind.POD;
            case "ReplicaSet" -> ObjectKind.REPLICA_SET;
            case "Job" -> ObjectKind.JOB;
            case "Node" -> ObjectKind.NODE;
            default -> null;
        };
    }

    private OwnerRef controller() {
        for (int i = 0; i < owners.size(); i++) {
            if (controllers.get(i)) {
                return owners.get(i);
            }
        }
        return owners.size() == 1 ? owners.get(0) : null;
    }

    private static List<String> canonicalAddresses(List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            IpAddress address = IpAddress.parse(text);
            if (address != null && !out.contains(address.toString())) {
                out.add(address.toString());
            }
        }
        return out;
    }

    private static Instant instant(long millis) {
        return millis == KubernetesTimes.NONE ? null : Instant.ofEpochMilli(millis);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Moves to the next object of an array, skipping anything else; false at the array's end. */
    private static boolean nextObject(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    static String text(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value.isNumeric() || value.isBoolean()) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    private static Map<String, String> stringMap(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, String> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String value = text(p, p.nextToken());
            if (value != null) {
                out.put(key, value);
            }
        }
        return out;
    }

    private static List<String> strings(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<String> out = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            String value = text(p, t);
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** {@code [{"ip": "…"}, …]} → the values of one field of each object. */
    private static List<String> objectField(JsonParser p, JsonToken start, String wanted) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<String> out = new ArrayList<>(2);
        while (nextObject(p)) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(wanted)) {
                    String text = text(p, value);
                    if (text != null) {
                        out.add(text);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }
}
