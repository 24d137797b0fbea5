package io.outflow.enrichment.timeline;

import java.util.Map;
import java.util.Objects;

/**
 * What the pods of one workload have in common: namespace, owner, service account, selected labels and the
 * prefix of their names. Interned per cluster, so a workload's strings are held once however many pods it runs.
 */
final class PodShape {
    final String namespace;
    final OwnerSlot owner; // null for a bare pod
    final String serviceAccount;
    final Map<String, String> labels;
    final String namePrefix;
    private final int hash;
    int pods;

    PodShape(String namespace, OwnerSlot owner, String serviceAccount, Map<String, String> labels, String namePrefix) {
        this.namespace = namespace;
        this.owner = owner;
        this.serviceAccount = serviceAccount;
        this.labels = labels;
        this.namePrefix = namePrefix;
        this.hash = Objects.hash(namespace, System.identityHashCode(owner), serviceAccount, labels, namePrefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PodShape s && s.hash == hash && s.owner == owner && Objects.equals(s.namespace, namespace)
                && Objects.equals(s.serviceAccount, serviceAccount) && s.labels.equals(labels)
                && s.namePrefix.equals(namePrefix);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
