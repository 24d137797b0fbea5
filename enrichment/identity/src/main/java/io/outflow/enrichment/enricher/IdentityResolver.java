package io.outflow.enrichment.enricher;

import io.outflow.enrichment.clusters.ClusterNetworks;
import io.outflow.enrichment.clusters.ClusterSettings;
import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.enrichment.timeline.LookupScope;
import io.outflow.enrichment.timeline.RangeMatch;
import io.outflow.enrichment.timeline.UnknownReason;
import io.outflow.schemas.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "who held this address at that moment" across clusters. The cluster comes from the event when it names
 * one; else from the firewall or network that saw it (narrowed by address ranges when a hub firewall serves
 * several clusters); else from the configured ranges; else from the clusters whose history knows the address.
 * When more than one cluster remains, the answer is {@code ambiguous} and lists each candidate with whom it had at
 * that moment: overlapping ranges of different clusters are never mixed.
 */
public final class IdentityResolver {
    private final IdentityTimeline timeline;
    private final ClusterNetworks networks;

    public IdentityResolver(IdentityTimeline timeline, ClusterNetworks networks) {
        this.timeline = timeline;
        this.networks = networks;
    }

    public IdentityTimeline timeline() {
        return timeline;
    }

    public ClusterNetworks networks() {
        return networks;
    }

    /**
     * @param cluster    the cluster the event names, or null
     * @param resourceId the firewall or network that saw the event, or null
     */
    public IdentityAnswer resolve(String cluster, String resourceId, IpAddress address, long timeMillis,
                                  ObservationPoint point) {
        List<String> candidates = candidates(cluster, resourceId, address);
        if (candidates.isEmpty()) {
            return IdentityAnswer.unknown(null, UnknownReason.OUTSIDE_KNOWN_RANGES);
        }
        if (candidates.size() == 1) {
            return lookup(candidates.get(0), address, timeMillis, point);
        }
        List<String> described = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            IdentityAnswer answer = lookup(candidate, address, timeMillis, point);
            described.add(answer.isKnown() ? answer.describe() : candidate);
        }
        return IdentityAnswer.ambiguous(described);
    }

    /** The clusters that could hold the address for an event with this cluster and resource, best evidence first. */
    public List<String> candidates(String cluster, String resourceId, IpAddress address) {
        if (cluster != null) {
            return List.of(cluster);
        }
        List<ClusterSettings> carriers = networks.carriedBy(resourceId);
        if (!carriers.isEmpty()) {
            List<String> inRange = new ArrayList<>();
            List<String> possible = new ArrayList<>();
            for (ClusterSettings carrier : carriers) {
                if (carrier.inRanges(address)) {
                    inRange.add(carrier.name());
                } else if (!carrier.hasRanges() || timeline.knows(carrier.name(), address)) {
                    possible.add(carrier.name());
                }
            }
            return !inRange.isEmpty() ? inRange : possible;
        }
        List<String> configured = new ArrayList<>();
        for (ClusterSettings settings : networks.containing(address)) {
            configured.add(settings.name());
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        List<String> known = new ArrayList<>();
        for (String name : timeline.clusters()) {
            if (timeline.knows(name, address)) {
                known.add(name);
            }
        }
        return known;
    }

    private IdentityAnswer lookup(String cluster, IpAddress address, long timeMillis, ObservationPoint point) {
        ClusterSettings settings = networks.cluster(cluster);
        RangeMatch ranges = settings == null || !settings.hasRanges() ? RangeMatch.UNCONFIGURED
                : settings.inRanges(address) ? RangeMatch.INSIDE : RangeMatch.OUTSIDE;
        LookupScope scope = point == ObservationPoint.EGRESS && settings != null && settings.egressIsNodeAddress()
                ? LookupScope.NODES : LookupScope.ANY;
        return timeline.lookup(cluster, address, timeMillis, scope, ranges);
    }
}
