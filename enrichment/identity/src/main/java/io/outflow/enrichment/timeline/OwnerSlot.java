package io.outflow.enrichment.timeline;

/**
 * The controller of a set of pods, named by their owner reference (namespace, kind, name), and what is known of
 * it: a ReplicaSet's Deployment or a Job's CronJob when that object was seen. Every pod of the owner shares the
 * slot, so a ReplicaSet that arrives after its pods resolves them all at once, and the answer does not depend on
 * the order of arrival.
 */
final class OwnerSlot {
    static final String INFERRED_FROM_TEMPLATE_HASH = "pod-template-hash";
    static final String INFERRED_FROM_SCHEDULE_SUFFIX = "cronjob-schedule-suffix";
    static final String OWNER_OBJECT_UNKNOWN = "owner-reference-only";
    /** A CronJob's Job is created at its scheduled minute; its pods come within this long. */
    private static final long CRONJOB_POD_DELAY_LIMIT = 7L * 24 * 3600 * 1000;

    final String namespace;
    final String kind;
    final String name;

    boolean objectSeen;
    String parentKind;
    String parentName;
    long deleted = Times.OPEN;
    long newestTime = Times.UNKNOWN;
    long newestVersion = Times.UNKNOWN;
    /** The pod-template-hash label of the pods (a ReplicaSet's pods all carry their ReplicaSet's hash). */
    String templateHash;
    /** The earliest creation time of the pods, to check a CronJob schedule suffix. */
    long firstPodCreated = Times.UNKNOWN;
    int shapes;

    OwnerSlot(String namespace, String kind, String name) {
        this.namespace = namespace;
        this.kind = kind;
        this.name = name;
    }

    String workloadKind() {
        return resolve(true);
    }

    String workload() {
        return resolve(false);
    }

    /** How the workload was inferred when the owner object is unknown; null when it was read from objects. */
    String inference() {
        if (objectSeen || !(isReplicaSet() || isJob())) {
            return null;
        }
        if (isReplicaSet()) {
            return deploymentByHash() != null ? INFERRED_FROM_TEMPLATE_HASH : OWNER_OBJECT_UNKNOWN;
        }
        return cronJobBySuffix() != null ? INFERRED_FROM_SCHEDULE_SUFFIX : OWNER_OBJECT_UNKNOWN;
    }

    private String resolve(boolean wantKind) {
        if (objectSeen) {
            if (parentKind != null) {
                return wantKind ? parentKind : parentName;
            }
            return wantKind ? kind : name;
        }
        if (isReplicaSet()) {
            String deployment = deploymentByHash();
            if (deployment != null) {
                return wantKind ? "Deployment" : deployment;
            }
        } else if (isJob()) {
            String cronJob = cronJobBySuffix();
            if (cronJob != null) {
                return wantKind ? "CronJob" : cronJob;
            }
        }
        return wantKind ? kind : name;
    }

    private boolean isReplicaSet() {
        return kind.equals("ReplicaSet");
    }

    private boolean isJob() {
        return kind.equals("Job");
    }

    /** A Deployment names its ReplicaSets {@code <deployment>-<pod-template-hash>}. */
    private String deploymentByHash() {
        if (templateHash == null || templateHash.isEmpty()) {
            return null;
        }
        int cut = name.length() - templateHash.length() - 1;
        if (cut <= 0 || !name.endsWith(templateHash) || name.charAt(cut) != '-') {
            return null;
        }
        return name.substring(0, cut);
    }

    /**
     * A CronJob names its Jobs {@code <cronjob>-<scheduled time in minutes since the epoch>}; the suffix is taken
     * as such only when the scheduled minute is at most a week before the pods were created.
     */
    private String cronJobBySuffix() {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1 || name.length() - dash - 1 > 12
                || firstPodCreated == Times.UNKNOWN) {
            return null;
        }
        long minutes = 0;
        for (int i = dash + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            minutes = minutes * 10 + (c - '0');
        }
        long scheduled = minutes * 60_000;
        long delay = firstPodCreated - scheduled;
        if (delay < -60_000 || delay > CRONJOB_POD_DELAY_LIMIT) {
            return null;
        }
        return name.substring(0, dash);
    }
}
