package io.outflow.enrichment.timeline;

import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;
import java.util.List;

/** A node of one cluster: its addresses (from the Node object or its pods' hostIP) and pod ranges. */
final class NodeRecord {
    final String name;
    boolean objectSeen;
    long deleted = Times.OPEN;
    NodeLease[] leases = new NodeLease[0];
    List<Cidr> podCidrs = List.of();
    /** The order key (time, resourceVersion) of the newest Node object state applied. */
    long newestTime = Times.UNKNOWN;
    long newestVersion = Times.UNKNOWN;

    NodeRecord(String name) {
        this.name = name;
    }

    NodeLease lease(IpAddress address) {
        for (NodeLease lease : leases) {
            if (lease.address.equals(address)) {
                return lease;
            }
        }
        return null;
    }
}
