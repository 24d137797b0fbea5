package io.outflow.ingest.firewall;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordFields;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.util.Locale;

/**
 * The firewall's own vocabulary, read the same way from structured properties and legacy messages: actions in any
 * case, protocol tokens (application protocols become TCP), and destinations that are an IP address or a host name.
 * An invalid value is left out of the event and named in its warnings.
 */
final class FirewallFields {
    private static final int MAX_HOST_NAME = 253;
    private static final int MAX_LABEL = 63;

    private FirewallFields() {
    }

    /** Allow, Deny, Drop (deny), Alert in any case; anything else is left out with a warning. */
    static void action(FlowEvent event, String text, String field) {
        if (text == null || text.isBlank()) {
            return;
        }
        FlowAction action = switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "allow" -> FlowAction.allow;
            case "deny", "drop" -> FlowAction.deny;
            case "alert" -> FlowAction.alert;
            default -> null;
        };
        if (action == null) {
            RecordFields.warn(event, field, text, "is not a known action");
        } else {
            event.setAction(action);
        }
    }

    /**
     * TCP, UDP, ICMP, ICMPv6 or an IANA number. HTTP, HTTPS and MSSQL (application rules) run over TCP: the protocol
     * is TCP and the token goes to {@code extras.applicationProtocol}.
     */
    static void protocol(FlowEvent event, String token, String field) {
        if (token == null || token.isBlank()) {
            return;
        }
        String upper = token.strip().toUpperCase(Locale.ROOT);
        switch (upper) {
            case "HTTP", "HTTPS", "MSSQL" -> {
                event.setProtocol("TCP");
                FlowEvents.extra(event, FirewallExtras.APPLICATION_PROTOCOL, upper);
                return;
            }
            default -> {
            }
        }
        String protocol = upper.indexOf(' ') >= 0 ? null : RecordFields.protocol(upper);
        if (protocol != null && (protocol.equals("TCP") || protocol.equals("UDP") || protocol.equals("ICMP")
                || protocol.equals("ICMPv6") || RecordFields.wholeNumber(protocol) != null)) {
            event.setProtocol(protocol);
        } else {
            RecordFields.warn(event, field, token, "is not a known protocol");
        }
    }

    /**
     * A destination written as text that may be an IP address or a host name: an address fills
     * {@code destinationIp} (unless the record gave one already), a name fills {@code destinationFqdn}.
     */
    static void destinationHost(FlowEvent event, String host, String field) {
        if (host == null || host.isBlank()) {
            return;
        }
        String ip = RecordFields.ip(host);
        if (ip != null) {
            if (event.getDestinationIp() == null) {
                event.setDestinationIp(ip);
            }
            return;
        }
        String name = hostName(host);
        if (name == null) {
            RecordFields.warn(event, field, host, "is not a host name or IP address");
        } else {
            event.setDestinationFqdn(name);
        }
    }

    /**
     * A DNS name in lower case without its trailing dot, or null when the text cannot be one: labels of 1 to 63
     * letters, digits, '-', '_' or '*', at most 253 characters in all.
     */
    static String hostName(String text) {
        String name = RecordFields.fqdn(text);
        if (name == null || name.length() > MAX_HOST_NAME) {
            return null;
        }
        int labelLength = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (labelLength == 0) {
                    return null;
                }
                labelLength = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*') {
                if (++labelLength > MAX_LABEL) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return labelLength == 0 ? null : name;
    }
}
