package io.outflow.enrichment.timeline;

import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.net.IpAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which pod or node held an address at a moment, per cluster, built from {@link IdentityChange}s (the one input,
 * whether they come from informers, the {@code outflow.identity} topic, watch-event files or Avro archives).
 *
 * <p>The rules (README of this module): an assignment starts at the pod's {@code status.startTime} (else its
 * creation) and ends at the earliest of its containers' finish once the pod Succeeded or Failed, its deletion time
 * plus grace period, and the start of another owner of the same address in the same cluster. Changes may arrive
 * in any order and more than once: the same set of changes gives the same timeline.
 *
 * <p>Retention is counted in event time: {@link #advance} takes the enrichment watermark; ended assignments
 * older than {@code watermark - retention} are forgotten, and a lookup that would need one answers {@code expired}
 * (deterministically, whenever the memory is actually freed). Spans {@link #pin pinned} by history files never
 * expire. No wall clock is read anywhere.
 *
 * <p>Not thread-safe: confine an instance to one thread (a stream task), or guard it.
 */
public final class IdentityTimeline {
    /** How far the horizon moves between two sweeps, as a fraction of the retention. */
    private static final int SWEEPS_PER_RETENTION = 16;

    private final IdentitySettings settings;
    private final Set<String> selectedLabels;
    private final Map<String, ClusterTimeline> clusters = new LinkedHashMap<>();
    private long horizon = Times.UNKNOWN;
    private long nextSweep = Times.UNKNOWN;

    public IdentityTimeline(IdentitySettings settings) {
        this.settings = settings;
        this.selectedLabels = Collections.unmodifiableSet(new LinkedHashSet<>(settings.labels()));
    }

    public IdentitySettings settings() {
        return settings;
    }

    /** Applies one change; changes of other kinds ({@code OTHER}) are ignored. */
    public void apply(IdentityChange change) {
        if (change.getCluster() == null || change.getName() == null || change.getObjectKind() == null) {
            return;
        }
        ClusterTimeline cluster = cluster(change.getCluster());
        switch (change.getObjectKind()) {
            case POD -> cluster.applyPod(change, horizon);
            case REPLICA_SET -> cluster.applyOwner(change, "ReplicaSet");
            case JOB -> cluster.applyOwner(change, "Job");
            case NODE -> cluster.applyNode(change);
            default -> {
            }
        }
    }

    /**
     * Moves the retention horizon to {@code watermark - retention} (it never moves back) and frees what only
     * answered for earlier times.
     */
    public void advance(long watermarkMillis) {
        long candidate = watermarkMillis - settings.retention().toMillis();
        if (candidate <= horizon) {
            return;
        }
        horizon = candidate;
        if (nextSweep == Times.UNKNOWN || horizon >= nextSweep) {
            for (ClusterTimeline cluster : clusters.values()) {
                cluster.sweep(horizon);
            }
            nextSweep = horizon + Math.max(60_000, settings.retention().toMillis() / SWEEPS_PER_RETENTION);
        }
    }

    /** Frees everything that can be freed now, whatever the sweep cadence (for measurements and tests). */
    public void sweepNow() {
        for (ClusterTimeline cluster : clusters.values()) {
            cluster.sweep(horizon);
        }
    }

    /** The retention horizon (epoch ms); {@code Long.MIN_VALUE} before the first {@link #advance}. */
    public long horizon() {
        return horizon;
    }

    /** Declares that history files cover [from, to] of a cluster: lookups inside never answer expired. */
    public void pin(String cluster, long fromMillis, long toMillis) {
        if (fromMillis <= toMillis) {
            cluster(cluster).pin(fromMillis, toMillis);
        }
    }

    /** The clusters this timeline has heard of, in order of first mention. */
    public Set<String> clusters() {
        return Collections.unmodifiableSet(clusters.keySet());
    }

    public boolean hasCluster(String cluster) {
        return clusters.containsKey(cluster);
    }

    /** Whether the cluster ever held the address (within retention) or one of its nodes' pod ranges holds it. */
    public boolean knows(String cluster, IpAddress address) {
        ClusterTimeline timeline = clusters.get(cluster);
        return timeline != null && timeline.knows(address);
    }

    public IdentityAnswer lookup(String cluster, IpAddress address, long timeMillis) {
        return lookup(cluster, address, timeMillis, LookupScope.ANY, RangeMatch.UNCONFIGURED);
    }

    /**
     * Who held {@code address} in {@code cluster} at {@code timeMillis}.
     *
     * @param ranges what the cluster's configured ranges say of the address: an address the timeline never saw
     *     answers {@code outside-known-ranges} when outside every known range, else {@code no-owner-at-time}, or
     *     {@code expired} when the moment is older than the retention horizon and the address may have been held
     */
    public IdentityAnswer lookup(String cluster, IpAddress address, long timeMillis, LookupScope scope,
                                 RangeMatch ranges) {
        ClusterTimeline timeline = clusters.get(cluster);
        if (timeline == null) {
            if (ranges != RangeMatch.INSIDE) {
                return IdentityAnswer.unknown(cluster, UnknownReason.OUTSIDE_KNOWN_RANGES);
            }
            return IdentityAnswer.unknown(cluster, timeMillis < horizon ? UnknownReason.EXPIRED
                    : UnknownReason.NO_OWNER_AT_TIME);
        }
        return timeline.lookup(address, timeMillis, scope, ranges, horizon);
    }

    public TimelineStats stats() {
        TimelineStats total = new TimelineStats(0, 0, 0, 0, 0, 0, 0);
        for (ClusterTimeline cluster : clusters.values()) {
            total = total.plus(cluster.stats());
        }
        return total;
    }

    private ClusterTimeline cluster(String name) {
        ClusterTimeline cluster = clusters.get(name);
        if (cluster == null) {
            cluster = new ClusterTimeline(name, selectedLabels);
            clusters.put(name, cluster);
        }
        return cluster;
    }
}
