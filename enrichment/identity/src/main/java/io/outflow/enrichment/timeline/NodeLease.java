package io.outflow.enrichment.timeline;

import io.outflow.schemas.net.IpAddress;

/** A node's hold on one of its addresses, from the earliest evidence to the node's deletion. */
final class NodeLease implements Occupant {
    final NodeRecord node;
    final IpAddress address;
    long from;

    NodeLease(NodeRecord node, IpAddress address, long from) {
        this.node = node;
        this.address = address;
        this.from = from;
    }

    @Override
    public long from() {
        return from;
    }

    @Override
    public long to() {
        return node.deleted;
    }

    @Override
    public PodRecord pod() {
        return null;
    }

    @Override
    public NodeRecord node() {
        return node;
    }
}
