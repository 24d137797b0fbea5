package io.outflow.bench;

import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.OwnerRef;
import io.outflow.schemas.PodState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A seeded, invented cluster for measurements: {@code workloads} Deployments (a few StatefulSets and DaemonSets)
 * spread over nodes of 110 pods each, pod addresses from each node's /24, and churn: every address of a share of
 * the pods had an earlier owner that was deleted. Every change carries fresh strings, as parsed JSON would.
 */
final class SyntheticCluster {
    static final String CLUSTER = "aks-bench";
    static final long T0 = Instant.parse("2026-01-15T00:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final String[] WORDS = {"checkout", "payments", "invoice", "render", "ledger", "search", "catalog",
        "orders", "shipping", "reports", "identity", "gateway", "billing", "pricing", "inventory", "profile", "media",
        "resizer", "notify", "audit", "session", "cart", "fraud", "risk", "export", "import", "sync", "worker"};

    final int pods;
    final int workloads;
    final int nodes;
    final double churn;
    private final String[] workloadNames;
    private final String[] hashes;
    private final String[] namespaces;
    private final String[] kinds;

    SyntheticCluster(int pods, int workloads, double churn, long seed) {
        this.pods = pods;
        this.workloads = workloads;
        this.nodes = (pods + 109) / 110;
        this.churn = churn;
        Random random = new Random(seed);
        workloadNames = new String[workloads];
        hashes = new String[workloads];
        namespaces = new String[workloads];
        kinds = new String[workloads];
        for (int w = 0; w < workloads; w++) {
            workloadNames[w] = WORDS[random.nextInt(WORDS.length)] + "-" + WORDS[random.nextInt(WORDS.length)] + "-"
                    + w;
            hashes[w] = randomText(random, 9, "0123456789bcdf");
            namespaces[w] = "team-" + (w % 40);
            kinds[w] = w % 50 == 0 ? "StatefulSet" : w % 97 == 0 ? "DaemonSet" : "ReplicaSet";
        }
    }

    /** The address of pod {@code i}: node {@code i / 110}'s /24 in 10.244.0.0/14, host {@code 2 + i % 110}. */
    static int address(int i) {
        int node = i / 110;
        return (10 << 24) | (244 << 16) | (node << 8) | (2 + i % 110);
    }

    static String text(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    /** When the current owner of pod {@code i}'s address started: within the first day. */
    long start(int i) {
        return T0 + (i * 7919L) % DAY;
    }

    boolean churned(int i) {
        return (i * 2654435761L & 0xffff) < churn * 0x10000;
    }

    int workloadOf(int i) {
        return (int) ((i * 40503L) % workloads);
    }

    /**
     * Emits the changes, one live pod per address; a churned address first had an earlier owner, deleted an hour
     * before the live one started.
     */
    void emit(Consumer<IdentityChange> sink, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < pods; i++) {
            int w = workloadOf(i);
            String node = "aks-pool" + (i / 110 % 4) + "-28764911-vmss" + String.format("%06d", i / 110);
            if (churned(i)) {
                long earlier = start(i) - 6 * 3_600_000L;
                IdentityChange gone = pod(w, node, i, earlier, random);
                gone.setChangeType(ChangeType.DELETED);
                gone.setDeletionTime(Instant.ofEpochMilli(start(i) - 3_600_000L));
                gone.setDeletionGracePeriodSeconds(30L);
                sink.accept(gone);
            }
            sink.accept(pod(w, node, i, start(i), random));
        }
    }

    private IdentityChange pod(int w, String node, int i, long start, Random random) {
        String owner = kinds[w].equals("ReplicaSet") ? workloadNames[w] + "-" + hashes[w] : workloadNames[w];
        String name = kinds[w].equals("StatefulSet") ? owner + "-" + i : owner + "-" + randomText(random, 5,
                NAME_ALPHABET);
        IdentityChange change = new IdentityChange();
        change.setCluster(new String(CLUSTER));
        change.setChangeType(ChangeType.ADDED);
        change.setObjectKind(ObjectKind.POD);
        change.setUid(new UUID(random.nextLong(), random.nextLong()).toString());
        change.setNamespace(new String(namespaces[w]));
        change.setName(name);
        change.setResourceVersion(Long.toString(48_000_000L + i));
        change.setCreationTime(Instant.ofEpochMilli(start - 2000));
        change.setOwner(new OwnerRef(new String(kinds[w]), new String(owner), null));
        Map<String, String> labels = new HashMap<>();
        labels.put(new String("app"), new String(workloadNames[w]));
        labels.put(new String("app.kubernetes.io/name"), new String(workloadNames[w]));
        if (kinds[w].equals("ReplicaSet")) {
            labels.put(new String("pod-template-hash"), new String(hashes[w]));
        }
        change.setLabels(labels);
        PodState state = new PodState();
        state.setIps(new ArrayList<>(List.of(text(address(i)))));
        state.setHostIp("10.224." + (i / 110 / 250) + "." + (4 + i / 110 % 250));
        state.setNodeName(node);
        state.setHostNetwork(false);
        state.setPhase("Running");
        state.setServiceAccount(new String(workloadNames[w]));
        state.setStartTime(Instant.ofEpochMilli(start));
        state.setLastTransitionTime(Instant.ofEpochMilli(start + 3000));
        change.setPod(state);
        return change;
    }

    private static String randomText(Random random, int length, String alphabet) {
        char[] out = new char[length];
        for (int k = 0; k < length; k++) {
            out[k] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
