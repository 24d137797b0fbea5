package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Record keys of the compacted {@code outflow.identity} topic: {@code <cluster>/<kind>/<id>}, where the id is the
 * object's UID for pods, replicasets and jobs and its name for nodes (a node keeps its name across re-creation, and
 * its addresses belong to the name).
 *
 * <p>Every change of one object lands on one key, so compaction keeps its latest state; a DELETED change is written
 * as a value, not a tombstone, because the timeline keeps ended assignments for its retention period. The key reads
 * back unambiguously from the right: UIDs and node names never contain {@code /}, the kind is one of four words, and
 * whatever is left is the cluster name.
 */
public final class IdentityKeys {
    private IdentityKeys() {
    }

    public static String keyOf(IdentityChange change) {
        ObjectKind kind = change.getObjectKind();
        String id = kind == ObjectKind.NODE ? change.getName() : change.getUid();
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " change without "
                    + (kind == ObjectKind.NODE ? "a name" : "a uid") + " has no key: "
                    + change.getNamespace() + "/" + change.getName());
        }
        return change.getCluster() + "/" + kindWord(kind) + "/" + id;
    }

    public static byte[] keyBytesOf(IdentityChange change) {
        return keyOf(change).getBytes(StandardCharsets.UTF_8);
    }

    static String kindWord(ObjectKind kind) {
        if (kind == ObjectKind.OTHER) {
            throw new IllegalArgumentException("only pods, replicasets, jobs and nodes are stored");
        }
        return kind.name().replace("_", "").toLowerCase(Locale.ROOT);
    }
}
