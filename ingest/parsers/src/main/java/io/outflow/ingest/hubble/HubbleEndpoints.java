package io.outflow.ingest.hubble;

import io.outflow.ingest.RecordFields;
import io.outflow.ingest.json.JsonObject;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.WorkloadIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hubble endpoint ({@code flow.source} / {@code flow.destination}: {@code namespace}, {@code pod_name},
 * {@code workloads[{name,kind}]}, {@code cluster_name}, {@code labels[]}, {@code identity}) as the identity the log
 * carries.
 *
 * <ul>
 *   <li>An endpoint naming a namespace, pod or workload is a pod: attribution {@code pod}. Aggregated logs name the
 *       workload without the pod; the identity then has no {@code pod}.</li>
 *   <li>The host itself ({@code reserved:host}: the node that observed the flow) is attribution {@code node}.</li>
 *   <li>Anything else ({@code {}}, {@code reserved:world}, other nodes, CIDR identities) gives no identity.</li>
 *   <li>Labels are Cilium's {@code source:key=value} strings: {@code k8s:} labels (and unprefixed ones) are the
 *       pod's labels, keys without the prefix; other sources ({@code reserved:}, {@code cidr:}, {@code fqdn:}) are
 *       not pod labels and are left out, as are the labels Cilium derives itself ({@code io.cilium.k8s.*},
 *       {@code io.kubernetes.pod.namespace}), so that the labels equal the pod's as the Kubernetes API gives them.
 *       The service account comes from {@code k8s:io.cilium.k8s.policy.serviceaccount}.</li>
 *   <li>The cluster is the endpoint's {@code cluster_name}, else the flow's cluster: without Cluster Mesh every
 *       endpoint Hubble names is in the observing cluster, and with it Cilium writes {@code cluster_name}.</li>
 *   <li>Only the endpoint on the observing node gets the node name.</li>
 * </ul>
 */
final class HubbleEndpoints {
    static final String SERVICE_ACCOUNT_LABEL = "io.cilium.k8s.policy.serviceaccount";
    private static final String CILIUM_LABEL_PREFIX = "io.cilium.k8s.";
    private static final String NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
    private static final String HOST_LABEL = "reserved:host";

    private HubbleEndpoints() {
    }

    /** The labels of an endpoint that are the pod's, its service account, and whether it is the observing host. */
    private record Labels(Map<String, String> pod, String serviceAccount, boolean host) {
    }

    /**
     * @param field   the endpoint's path in the line ({@code flow.source}), for warnings
     * @param cluster the flow's cluster, used when the endpoint does not name its own
     * @param node    the node that observed the flow
     * @param local   whether this endpoint is on the observing node
     * @return the identity, or null when the endpoint names no pod, workload or host
     */
    static WorkloadIdentity identity(JsonObject endpoint, String field, String cluster, ObservingNode node,
                                     boolean local, FlowEvent event) {
        if (endpoint == null || endpoint.size() == 0) {
            return null;
        }
        String namespace = trimmed(endpoint.text("namespace"));
        String pod = trimmed(endpoint.text("pod_name"));
        JsonObject workload = firstWorkload(endpoint, field, event);
        String workloadName = workload == null ? null : trimmed(workload.text("name"));
        String workloadKind = workload == null ? null : trimmed(workload.text("kind"));
        Labels labels = labels(endpoint, field, event);
        String endpointCluster = trimmed(endpoint.text("cluster_name"));

        WorkloadIdentity identity = new WorkloadIdentity();
        identity.setLabels(new HashMap<>());
        identity.setCandidates(new ArrayList<>(0));
        identity.setCluster(endpointCluster != null ? endpointCluster : cluster);
        if (namespace == null && pod == null && workloadName == null) {
            if (!labels.host() || node.name() == null) {
                return null;
            }
            identity.setAttribution(Attribution.node);
            identity.setNode(node.name());
            return identity;
        }
        identity.setAttribution(Attribution.pod);
        identity.setNamespace(namespace);
        identity.setPod(pod);
        identity.setWorkload(workloadName);
        identity.setWorkloadKind(workloadName == null ? null : workloadKind);
        identity.setServiceAccount(labels.serviceAccount());
        identity.getLabels().putAll(labels.pod());
        if (local) {
            identity.setNode(node.name());
        }
        return identity;
    }

    private static JsonObject firstWorkload(JsonObject endpoint, String field, FlowEvent event) {
        Object value = endpoint.get("workloads");
        if (value == null || value == JsonObject.NULL) {
            return null;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return null;
            }
            if (list.get(0) instanceof JsonObject first) {
                return first;
            }
        }
        RecordFields.warn(event, field + ".workloads", value, "is not a list of {name, kind} objects");
        return null;
    }

    private static Labels labels(JsonObject endpoint, String field, FlowEvent event) {
        Map<String, String> pod = new HashMap<>();
        String serviceAccount = null;
        boolean host = false;
        Object value = endpoint.get("labels");
        if (value == null || value == JsonObject.NULL) {
            return new Labels(pod, null, false);
        }
        if (!(value instanceof List<?> list)) {
            RecordFields.warn(event, field + ".labels", value, "is not a list of labels");
            return new Labels(pod, null, false);
        }
        for (Object item : list) {
            if (!(item instanceof String label) || label.isBlank()) {
                RecordFields.warn(event, field + ".labels", item, "is not a label");
                continue;
            }
            String s = label.strip();
            if (s.equals(HOST_LABEL)) {
                host = true;
                continue;
            }
            int equals = s.indexOf('=');
            String key = equals < 0 ? s : s.substring(0, equals);
            String labelValue = equals < 0 ? "" : s.substring(equals + 1);
            int colon = key.indexOf(':');
            if (colon >= 0) {
                if (!key.substring(0, colon).equals("k8s")) {
                    continue; // reserved:, cidr:, fqdn:, container:… are Cilium's, not the pod's
                }
                key = key.substring(colon + 1);
            }
            if (key.isEmpty()) {
                RecordFields.warn(event, field + ".labels", item, "is not a label");
                continue;
            }
            if (key.equals(SERVICE_ACCOUNT_LABEL)) {
                serviceAccount = labelValue.isBlank() ? serviceAccount : labelValue.strip();
            } else if (!key.startsWith(CILIUM_LABEL_PREFIX) && !key.equals(NAMESPACE_LABEL)) {
                pod.putIfAbsent(key, labelValue);
            }
        }
        return new Labels(pod, serviceAccount, host);
    }

    private static String trimmed(String text) {
        return text == null ? null : text.strip();
    }
}
