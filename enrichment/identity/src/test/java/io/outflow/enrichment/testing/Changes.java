package io.outflow.enrichment.testing;

import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.NodeState;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.OwnerRef;
import io.outflow.schemas.PodState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link IdentityChange}s for tests, as an informer would emit them. */
public final class Changes {
    private Changes() {
    }

    public static Instant at(String isoTime) {
        return Instant.parse(isoTime);
    }

    public static PodBuilder pod(String cluster, String namespace, String name, String uid) {
        return new PodBuilder(cluster, namespace, name, uid);
    }

    public static IdentityChange replicaSet(String cluster, String namespace, String name, String deployment,
                                            ChangeType type) {
        return owner(cluster, namespace, name, ObjectKind.REPLICA_SET,
                deployment == null ? null : new OwnerRef("Deployment", deployment, null), type);
    }

    public static IdentityChange job(String cluster, String namespace, String name, String cronJob, ChangeType type) {
        return owner(cluster, namespace, name, ObjectKind.JOB,
                cronJob == null ? null : new OwnerRef("CronJob", cronJob, null), type);
    }

    private static IdentityChange owner(String cluster, String namespace, String name, ObjectKind kind, OwnerRef ref,
                                        ChangeType type) {
        IdentityChange change = base(cluster, type, kind, namespace, name);
        change.setUid(Uids.of(kind + "/" + namespace + "/" + name));
        change.setCreationTime(at("2026-01-01T00:00:00Z"));
        change.setOwner(ref);
        return change;
    }

    public static IdentityChange node(String cluster, String name, String created, List<String> addresses,
                                      List<String> podCidrs, ChangeType type) {
        IdentityChange change = base(cluster, type, ObjectKind.NODE, null, name);
        change.setUid(Uids.of("node/" + name));
        change.setCreationTime(at(created));
        change.setNode(new NodeState(new ArrayList<>(addresses), new ArrayList<>(podCidrs)));
        return change;
    }

    static IdentityChange base(String cluster, ChangeType type, ObjectKind kind, String namespace, String name) {
        IdentityChange change = new IdentityChange();
        change.setCluster(cluster);
        change.setChangeType(type);
        change.setObjectKind(kind);
        change.setNamespace(namespace);
        change.setName(name);
        change.setLabels(new HashMap<>());
        return change;
    }

    /** A pod change; every call to {@link #build} gives an independent record (so a builder can be reused). */
    public static final class PodBuilder {
        private final String cluster;
        private final String namespace;
        private final String name;
        private final String uid;
        private OwnerRef owner;
        private final Map<String, String> labels = new HashMap<>();
        private List<String> ips = List.of();
        private String hostIp;
        private String nodeName;
        private boolean hostNetwork;
        private String phase = "Running";
        private String serviceAccount = "default";
        private Instant created;
        private Instant started;
        private Instant finished;
        private Instant transition;
        private Instant deleted;
        private Long grace;
        private Instant observed;
        private String resourceVersion;

        PodBuilder(String cluster, String namespace, String name, String uid) {
            this.cluster = cluster;
            this.namespace = namespace;
            this.name = name;
            this.uid = uid;
        }

        public PodBuilder owner(String kind, String ownerName) {
            owner = new OwnerRef(kind, ownerName, null);
            return this;
        }

        public PodBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public PodBuilder ips(String... addresses) {
            ips = List.of(addresses);
            return this;
        }

        public PodBuilder onNode(String node, String host) {
            nodeName = node;
            hostIp = host;
            return this;
        }

        public PodBuilder hostNetwork() {
            hostNetwork = true;
            return this;
        }

        public PodBuilder phase(String value) {
            phase = value;
            return this;
        }

        public PodBuilder serviceAccount(String value) {
            serviceAccount = value;
            return this;
        }

        public PodBuilder created(String time) {
            created = at(time);
            return this;
        }

        public PodBuilder started(String time) {
            started = time == null ? null : at(time);
            return this;
        }

        public PodBuilder finished(String time) {
            finished = at(time);
            return this;
        }

        public PodBuilder transition(String time) {
            transition = at(time);
            return this;
        }

        public PodBuilder deleted(String time, long graceSeconds) {
            deleted = at(time);
            grace = graceSeconds;
            return this;
        }

        public PodBuilder observed(String time) {
            observed = at(time);
            return this;
        }

        public PodBuilder version(long rv) {
            resourceVersion = Long.toString(rv);
            return this;
        }

        public IdentityChange build(ChangeType type) {
            IdentityChange change = base(cluster, type, ObjectKind.POD, namespace, name);
            change.setUid(uid);
            change.setOwner(owner == null ? null : new OwnerRef(owner.getKind(), owner.getName(), null));
            change.setLabels(new HashMap<>(labels));
            change.setCreationTime(created);
            change.setDeletionTime(deleted);
            change.setDeletionGracePeriodSeconds(grace);
            change.setObservedAt(observed);
            change.setResourceVersion(resourceVersion);
            PodState state = new PodState();
            state.setIps(new ArrayList<>(ips));
            state.setHostIp(hostIp);
            state.setNodeName(nodeName);
            state.setHostNetwork(hostNetwork);
            state.setPhase(phase);
            state.setServiceAccount(serviceAccount);
            state.setStartTime(started);
            boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
            state.setFinishedAt(terminal ? finished : null);
            state.setLastTransitionTime(transition);
            change.setPod(state);
            return change;
        }
    }
}
