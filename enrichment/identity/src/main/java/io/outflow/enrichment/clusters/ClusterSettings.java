package io.outflow.enrichment.clusters;

import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;
import java.util.List;
import java.util.Locale;

/**
 * One entry of the {@code clusters} section.
 *
 * @param podCidrs              the ranges pods take addresses from (the pod subnet for Azure CNI, the overlay or
 *                              kubenet pod CIDR otherwise)
 * @param nodeCidrs             the ranges nodes take addresses from (the node subnet)
 * @param firewallResourceIds   Azure Firewalls that carry the cluster's egress (a hub firewall may carry several
 *                              clusters': the ranges then tell them apart)
 * @param vnetResourceIds       virtual networks (or their subnets, or network security groups) whose flow logs
 *                              see the cluster's traffic
 * @param egressAddress         whose address egress carries outside the cluster
 */
public record ClusterSettings(String name, NetworkPlugin networkPlugin, List<Cidr> podCidrs, List<Cidr> nodeCidrs,
                              List<String> firewallResourceIds, List<String> vnetResourceIds,
                              EgressAddress egressAddress) {
    public ClusterSettings {
        podCidrs = List.copyOf(podCidrs);
        nodeCidrs = List.copyOf(nodeCidrs);
        firewallResourceIds = firewallResourceIds.stream().map(ClusterSettings::normalizeId).toList();
        vnetResourceIds = vnetResourceIds.stream().map(ClusterSettings::normalizeId).toList();
    }

    /** Whether the ranges of this cluster are configured at all. */
    public boolean hasRanges() {
        return !podCidrs.isEmpty() || !nodeCidrs.isEmpty();
    }

    public boolean inRanges(IpAddress address) {
        return inPodRanges(address) || inNodeRanges(address);
    }

    public boolean inPodRanges(IpAddress address) {
        for (Cidr cidr : podCidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean inNodeRanges(IpAddress address) {
        for (Cidr cidr : nodeCidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an event with this {@code resourceId} saw this cluster's egress: a configured firewall or network,
     * or a subnet of a configured virtual network (IDs compare case-insensitively, as Azure's do).
     */
    public boolean carries(String resourceId) {
        if (resourceId == null) {
            return false;
        }
        String id = normalizeId(resourceId);
        for (String firewall : firewallResourceIds) {
            if (firewall.equals(id)) {
                return true;
            }
        }
        for (String network : vnetResourceIds) {
            if (network.equals(id) || id.startsWith(network + "/subnets/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a firewall or flow log outside the cluster sees the node's address instead of the pod's. */
    public boolean egressIsNodeAddress() {
        return egressAddress == EgressAddress.NODE;
    }

    static String normalizeId(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
