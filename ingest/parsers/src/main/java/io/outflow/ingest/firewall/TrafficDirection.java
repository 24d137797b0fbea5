package io.outflow.ingest.firewall;

import io.outflow.ingest.net.IpAddresses;
import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;

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

    /**
     * Addresses that never route on the internet: RFC 1918, shared address space 100.64/10 (CGNAT, some overlay pod
     * ranges), loopback, link-local; IPv6 unique-local fc00::/7, link-local fe80::/10 and ::1.
     */
    static boolean isInternal(String address) {
        String ip = IpAddresses.normalize(address);
        if (ip == null) {
            return false;
        }
        if (ip.indexOf(':') < 0) {
            String[] octets = ip.split("\\.");
            int a = Integer.parseInt(octets[0]);
            int b = Integer.parseInt(octets[1]);
            return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
                    || (a == 169 && b == 254) || (a == 100 && b >= 64 && b <= 127);
        }
        if (ip.equals("::1")) {
            return true;
        }
        int colon = ip.indexOf(':');
        int first = colon == 0 ? 0 : Integer.parseInt(ip.substring(0, colon), 16);
        return (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80;
    }
}
