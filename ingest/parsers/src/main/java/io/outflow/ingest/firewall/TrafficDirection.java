package io.outflow.ingest.firewall;

import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.net.IpAddress;

/**
 * The direction of a client flow through the firewall. Outflow reads the firewall that AKS egress is routed through,
 * so a flow is outbound unless the record shows otherwise: a DNAT (NAT rule) serves a connection that came in to the
 * firewall's public address, and a flow from a public address to an internal one came in from outside. The firewall's
 * own lookups (FQDN resolution failures) are no client flow and get no direction: parsers do not call this for them.
 */
final class TrafficDirection {
    private TrafficDirection() {
    }

    static Direction of(FlowEvent event) {
        if (event.getKind() == FlowKind.nat) {
            return Direction.inbound;
        }
        String source = event.getSourceIp();
        String destination = event.getDestinationIp();
        if (source != null && destination != null && !isInternal(source) && isInternal(destination)) {
            return Direction.inbound;
        }
        return Direction.outbound;
    }

    /** Whether an address the parser set (canonical text or null) never routes on the internet. */
    private static boolean isInternal(String ip) {
        IpAddress address = IpAddress.parse(ip);
        return address != null && address.isInternal();
    }
}
