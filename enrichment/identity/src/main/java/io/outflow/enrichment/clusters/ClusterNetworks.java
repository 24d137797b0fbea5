package io.outflow.enrichment.clusters;

import io.outflow.schemas.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/** Finds the configured clusters an event may belong to, by the resource that saw it and by address ranges. */
public final class ClusterNetworks {
    private final ClustersSettings settings;

    public ClusterNetworks(ClustersSettings settings) {
        this.settings = settings;
    }

    public ClusterSettings cluster(String name) {
        return settings.cluster(name);
    }

    public List<ClusterSettings> all() {
        return settings.clusters();
    }

    /** The clusters whose egress the firewall or network {@code resourceId} carries. */
    public List<ClusterSettings> carriedBy(String resourceId) {
        if (resourceId == null) {
            return List.of();
        }
        List<ClusterSettings> out = new ArrayList<>(1);
        for (ClusterSettings cluster : settings.clusters()) {
            if (cluster.carries(resourceId)) {
                out.add(cluster);
            }
        }
        return out;
    }

    /** The clusters whose configured pod or node ranges contain the address. */
    public List<ClusterSettings> containing(IpAddress address) {
        List<ClusterSettings> out = new ArrayList<>(1);
        for (ClusterSettings cluster : settings.clusters()) {
            if (cluster.inRanges(address)) {
                out.add(cluster);
            }
        }
        return out;
    }
}
