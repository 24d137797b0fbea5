package io.outflow.enrichment.timeline;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who held an address at a moment: a pod (with its workload), a node, or nobody known with the reason. The
 * workload is resolved when asked, so read the answer before the timeline changes again.
 */
public final class IdentityAnswer {
    private final Attribution attribution;
    private final UnknownReason reason;
    private final String cluster;
    private final PodRecord pod;
    private final NodeRecord node;
    private final long from;
    private final long to;
    private final List<String> candidates;
    private final IdentityAnswer previous;
    private final IdentityAnswer next;

    private IdentityAnswer(Attribution attribution, UnknownReason reason, String cluster, PodRecord pod,
                           NodeRecord node, long from, long to, List<String> candidates, IdentityAnswer previous,
                           IdentityAnswer next) {
        this.attribution = attribution;
        this.reason = reason;
        this.cluster = cluster;
        this.pod = pod;
        this.node = node;
        this.from = from;
        this.to = to;
        this.candidates = candidates;
        this.previous = previous;
        this.next = next;
    }

    static IdentityAnswer of(String cluster, Occupant occupant, long to) {
        PodRecord pod = occupant.pod();
        if (pod != null) {
            return new IdentityAnswer(Attribution.pod, null, cluster, pod, null, occupant.from(), to, List.of(), null,
                    null);
        }
        return new IdentityAnswer(Attribution.node, null, cluster, null, occupant.node(), occupant.from(), to,
                List.of(), null, null);
    }

    static IdentityAnswer unknown(String cluster, UnknownReason reason, IdentityAnswer previous,
                                  IdentityAnswer next) {
        return new IdentityAnswer(Attribution.unknown, reason, cluster, null, null, Times.UNKNOWN, Times.OPEN,
                List.of(), previous, next);
    }

    /** An unknown answer of its own (e.g. a DNS proxy record's cluster-level source, or no source address). */
    public static IdentityAnswer unknown(String cluster, UnknownReason reason) {
        return unknown(cluster, reason, null, null);
    }

    /** Several clusters could hold the address: {@code candidates} says which (and whom each had then). */
    public static IdentityAnswer ambiguous(List<String> candidates) {
        return new IdentityAnswer(Attribution.unknown, UnknownReason.AMBIGUOUS, null, null, null, Times.UNKNOWN,
                Times.OPEN, List.copyOf(candidates), null, null);
    }

    public Attribution attribution() {
        return attribution;
    }

    public boolean isKnown() {
        return attribution != Attribution.unknown;
    }

    /** Why the answer is unknown; null when known. */
    public UnknownReason reason() {
        return reason;
    }

    public String cluster() {
        return cluster;
    }

    public String namespace() {
        return pod == null ? null : pod.shape.namespace;
    }

    public String pod() {
        return pod == null ? null : pod.name();
    }

    public String podUid() {
        return pod == null ? null : pod.uid();
    }

    /** The workload: a Deployment, StatefulSet, DaemonSet, CronJob, Job or ReplicaSet, or the pod itself. */
    public String workload() {
        if (pod == null) {
            return null;
        }
        OwnerSlot owner = pod.shape.owner;
        return owner == null ? pod.name() : owner.workload();
    }

    public String workloadKind() {
        if (pod == null) {
            return null;
        }
        OwnerSlot owner = pod.shape.owner;
        return owner == null ? "Pod" : owner.workloadKind();
    }

    /** How the workload was inferred when an owner object was unknown, e.g. {@code pod-template-hash}. */
    public String ownerInference() {
        return pod == null || pod.shape.owner == null ? null : pod.shape.owner.inference();
    }

    public String serviceAccount() {
        return pod == null ? null : pod.shape.serviceAccount;
    }

    public String node() {
        return pod != null ? pod.node : node != null ? node.name : null;
    }

    public Map<String, String> labels() {
        return pod == null ? Map.of() : pod.shape.labels;
    }

    /** When the assignment started; null when unknown. */
    public Instant from() {
        return from == Times.UNKNOWN ? null : Instant.ofEpochMilli(from);
    }

    /** When the assignment ended (its own end or the start of the next owner); null while current. */
    public Instant to() {
        return to == Times.OPEN ? null : Instant.ofEpochMilli(to);
    }

    public List<String> candidates() {
        return candidates;
    }

    /** For {@code no-owner-at-time}: the owner just before the moment, if one is retained. */
    public IdentityAnswer previous() {
        return previous;
    }

    /** For {@code no-owner-at-time}: the owner just after the moment, if any. */
    public IdentityAnswer next() {
        return next;
    }

    /** {@code cluster/namespace/pod} or {@code cluster/node/name}; the cluster alone when unknown. */
    public String describe() {
        String prefix = cluster == null ? "" : cluster;
        if (pod != null) {
            return prefix + "/" + namespace() + "/" + pod();
        }
        if (node != null) {
            return prefix + "/node/" + node.name;
        }
        return prefix;
    }

    /** The answer as the contract record. */
    public WorkloadIdentity toIdentity() {
        WorkloadIdentity identity = new WorkloadIdentity();
        identity.setAttribution(attribution);
        identity.setAttributionReason(reason == null ? null : reason.text());
        identity.setCluster(cluster);
        identity.setNamespace(namespace());
        identity.setPod(pod());
        identity.setPodUid(podUid());
        identity.setWorkloadKind(workloadKind());
        identity.setWorkload(workload());
        identity.setServiceAccount(serviceAccount());
        identity.setNode(node());
        identity.setLabels(new HashMap<>(labels()));
        identity.setOwnerInference(ownerInference());
        identity.setValidFrom(isKnown() ? Times.instant(from) : null);
        identity.setValidTo(isKnown() ? Times.instant(to) : null);
        identity.setCandidates(new ArrayList<>(candidates));
        return identity;
    }

    @Override
    public String toString() {
        return isKnown() ? attribution + " " + describe() + " [" + from() + ", " + to() + ")"
                : "unknown " + reason.text() + (candidates.isEmpty() ? "" : " " + candidates);
    }
}
