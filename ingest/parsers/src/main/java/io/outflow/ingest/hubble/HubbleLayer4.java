package io.outflow.ingest.hubble;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.json.JsonObject;
import io.outflow.schemas.FlowEvent;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Hubble's {@code flow.l4}: one key naming the protocol ({@code TCP}, {@code UDP}, {@code SCTP}, {@code ICMPv4},
 * {@code ICMPv6}, {@code IGMP}, {@code VRRP}) holding ports, TCP flags or the ICMP type and code. Sets the event's
 * protocol and ports; TCP flags go to {@code extras.tcpFlags} ({@code "SYN,ACK"}), ICMP type and code to
 * {@code extras.icmpType} / {@code extras.icmpCode}. Ports Hubble leaves out (protobuf JSON omits zero) stay absent.
 */
final class HubbleLayer4 {
    private HubbleLayer4() {
    }

    static void read(Object value, FlowEvent event) {
        if (value == null || value == JsonObject.NULL) {
            return;
        }
        if (!(value instanceof JsonObject l4)) {
            RecordFields.warn(event, "flow.l4", value, "is not an object");
            return;
        }
        for (int i = 0; i < l4.size(); i++) {
            String key = l4.keyAt(i);
            String protocol = protocolOf(key);
            if (protocol == null) {
                continue;
            }
            event.setProtocol(protocol);
            if (l4.valueAt(i) instanceof JsonObject details) {
                String field = "flow.l4." + key;
                if (protocol.equals("ICMP") || protocol.equals("ICMPv6")) {
                    FlowEvents.extra(event, "icmpType", details.text("type"));
                    FlowEvents.extra(event, "icmpCode", details.text("code"));
                } else {
                    event.setSourcePort(RecordFields.port(details.get("source_port"), field + ".source_port", event));
                    event.setDestinationPort(RecordFields.port(details.get("destination_port"),
                            field + ".destination_port", event));
                    FlowEvents.extra(event, "tcpFlags", tcpFlags(details.object("flags")));
                }
            }
            return;
        }
        if (l4.size() > 0) {
            RecordFields.warn(event, "flow.l4", l4.keyAt(0), "is not a known layer-4 protocol");
        }
    }

    /** The contract's protocol for a Hubble layer-4 key: TCP, UDP, ICMP, ICMPv6, else the IANA number. */
    private static String protocolOf(String key) {
        switch (key.toUpperCase(Locale.ROOT)) {
            case "TCP":
                return "TCP";
            case "UDP":
                return "UDP";
            case "ICMPV4":
                return "ICMP";
            case "ICMPV6":
                return "ICMPv6";
            case "SCTP":
                return RecordFields.protocolName(132);
            case "IGMP":
                return RecordFields.protocolName(2);
            case "VRRP":
                return RecordFields.protocolName(112);
            default:
                return null;
        }
    }

    /** The flags set to true, in the order the line gives them. */
    private static String tcpFlags(JsonObject flags) {
        if (flags == null) {
            return null;
        }
        StringJoiner set = new StringJoiner(",");
        for (int i = 0; i < flags.size(); i++) {
            if (Boolean.TRUE.equals(flags.valueAt(i))) {
                set.add(flags.keyAt(i).toUpperCase(Locale.ROOT));
            }
        }
        return set.length() == 0 ? null : set.toString();
    }
}
