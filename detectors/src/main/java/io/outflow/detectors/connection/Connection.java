package io.outflow.detectors.connection;

import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;

/**
 * One connection as Outflow counts it (DESIGN.md): the events of one (cluster, sourceIp, sourcePort, destination,
 * destinationPort, protocol) close together in time, whichever logs saw it. Counted once, at {@link #first}. Firewall
 * records add the name and the action; bytes and packets come only from flow-log tuples and Hubble flows.
 *
 * @param sourcePort -1 when no event carried one (ICMP)
 * @param destinationPort -1 when no event carried one
 * @param destinationIp null when only firewall application-rule records (which name the host, not the address) saw it
 * @param destinationFqdn the name a firewall record gave (the smallest when several did), else null
 * @param action the strongest action logged: deny over alert over allow; null when no event had one
 * @param events how many events (records, tuples, Hubble flows) make it
 * @param firewallSeen whether an Azure Firewall record saw it
 * @param flowSeen whether a flow-log tuple or Hubble flow saw it
 * @param resourceId the firewall's resource ID when a firewall saw it, else the flow log's (the VNet)
 * @param categories the categories of its events, for the KQL of the raw rows
 * @param sampleEventIds the smallest eventIds, sorted
 */
public record Connection(String cluster, String sourceIp, int sourcePort, int destinationPort, String protocol,
                         String destinationIp, String destinationFqdn, Instant first, Instant last, FlowAction action,
                         long bytesOut, long bytesIn, long packetsOut, long packetsIn, int events,
                         boolean firewallSeen, boolean flowSeen, String resourceId, SortedSet<String> categories,
                         List<String> sampleEventIds) {

    public Duration duration() {
        return Duration.between(first, last);
    }

    /** Whether a flow takes part in connection counting: connections, flow summaries, threat-intel and IDPS hits. */
    public static boolean counts(FlowEvent event) {
        FlowKind kind = event.getKind();
        return kind == FlowKind.connection || kind == FlowKind.flow_summary || kind == FlowKind.threat_intel
                || kind == FlowKind.idps;
    }

    /** Whether an event's byte and packet counts are used: flow-log tuples and Hubble flows, never firewall records. */
    public static boolean carriesBytes(FlowEvent event) {
        return !isFirewall(event) && (event.getKind() == FlowKind.flow_summary
                || event.getKind() == FlowKind.connection);
    }

    /** Whether an event is an Azure Firewall record (resource-specific AZFW* or legacy AzureFirewall*). */
    public static boolean isFirewall(FlowEvent event) {
        String category = event.getCategory();
        return startsWithIgnoringCase(category, "azfw") || startsWithIgnoringCase(category, "azurefirewall");
    }

    /** ASCII case-insensitive prefix test: called per event, so no lower-cased copy of the category. */
    private static boolean startsWithIgnoringCase(String text, String lowerCasePrefix) {
        if (text.length() < lowerCasePrefix.length()) {
            return false;
        }
        for (int i = 0; i < lowerCasePrefix.length(); i++) {
            char c = text.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != lowerCasePrefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
