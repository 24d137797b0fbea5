package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.ObjectKind;

/** A cluster's source stopped for a reason other than being closed: its caches can no longer be trusted. */
public final class IdentitySourceFailure extends RuntimeException {
    private final String cluster;
    private final ObjectKind kind;

    IdentitySourceFailure(String cluster, ObjectKind kind, String message, Throwable cause) {
        super("identity source of cluster " + cluster + " failed (" + IdentityKeys.kindWord(kind) + " informer): "
                + message, cause);
        this.cluster = cluster;
        this.kind = kind;
    }

    public String cluster() {
        return cluster;
    }

    /** The informer that failed first. */
    public ObjectKind kind() {
        return kind;
    }
}
