package io.outflow.enrichment.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic Kubernetes-style uids for fixtures. */
public final class Uids {
    private Uids() {
    }

    public static String of(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
