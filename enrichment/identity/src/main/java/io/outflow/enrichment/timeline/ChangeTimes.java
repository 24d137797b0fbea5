package io.outflow.enrichment.timeline;

import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.PodState;

/** The times a change carries, and the order key of a change among the changes of one object. */
final class ChangeTimes {
    private ChangeTimes() {
    }

    /**
     * When the change happened as far as it tells: when the source saw it, else the latest time written in the
     * object (creation, start, transitions, finish, deletion).
     */
    static long latest(IdentityChange change) {
        if (change.getObservedAt() != null) {
            return change.getObservedAt().toEpochMilli();
        }
        long t = Times.UNKNOWN;
        t = max(t, change.getCreationTime());
        t = max(t, change.getDeletionTime());
        PodState pod = change.getPod();
        if (pod != null) {
            t = max(t, pod.getStartTime());
            t = max(t, pod.getFinishedAt());
            t = max(t, pod.getLastTransitionTime());
        }
        return t;
    }

    /** The time that orders the states of one pod: its latest condition transition, which only moves forward. */
    static long orderTime(IdentityChange change) {
        PodState pod = change.getPod();
        if (pod != null && pod.getLastTransitionTime() != null) {
            return pod.getLastTransitionTime().toEpochMilli();
        }
        return latest(change);
    }

    /** The resourceVersion as a number (etcd revisions are), else {@link Times#UNKNOWN}. */
    static long version(IdentityChange change) {
        String rv = change.getResourceVersion();
        if (rv == null || rv.isEmpty() || rv.length() > 18) {
            return Times.UNKNOWN;
        }
        long v = 0;
        for (int i = 0; i < rv.length(); i++) {
            char c = rv.charAt(i);
            if (c < '0' || c > '9') {
                return Times.UNKNOWN;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static int compare(long timeA, long versionA, long timeB, long versionB) {
        int c = Long.compare(timeA, timeB);
        return c != 0 ? c : Long.compare(versionA, versionB);
    }

    private static long max(long t, java.time.Instant candidate) {
        return candidate != null && candidate.toEpochMilli() > t ? candidate.toEpochMilli() : t;
    }
}
