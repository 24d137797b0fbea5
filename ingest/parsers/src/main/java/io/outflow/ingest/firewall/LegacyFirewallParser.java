package io.outflow.ingest.firewall;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordContext;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.RecordParser;
import io.outflow.ingest.json.JsonObject;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Azure Firewall logs in the legacy AzureDiagnostics shape, whose facts are free text in {@code properties.msg}.
 * Rule lines (network, application, DNAT, IDS, threat intel) are read by {@link RuleMessage}, DNS proxy lines by
 * {@link DnsProxyMessage}; the kind follows from what the line says, not from {@code operationName} (DNAT and IDS
 * lines arrive under AzureFirewallNetworkRule). Facts get the same {@code extras} keys as in the structured form. A
 * message of no known form, or whose client address is not an IP address, is quarantined.
 */
public final class LegacyFirewallParser implements RecordParser {
    public static final String APPLICATION_RULE = "AzureFirewallApplicationRule";
    public static final String NETWORK_RULE = "AzureFirewallNetworkRule";
    public static final String DNS_PROXY = "AzureFirewallDnsProxy";

    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        for (String c : new String[] {APPLICATION_RULE, NETWORK_RULE, DNS_PROXY}) {
            CATEGORIES.put(c.toLowerCase(Locale.ROOT), c);
        }
    }

    /** Rule-line labels whose value is copied as it stands, by the extras key of the same fact. */
    private static final Map<String, String> LABEL_EXTRAS = Map.of(
            RuleMessage.POLICY, FirewallExtras.POLICY,
            RuleMessage.RULE_COLLECTION_GROUP, FirewallExtras.RULE_COLLECTION_GROUP,
            RuleMessage.RULE_COLLECTION, FirewallExtras.RULE_COLLECTION,
            RuleMessage.RULE, FirewallExtras.RULE,
            RuleMessage.WEB_CATEGORY, FirewallExtras.WEB_CATEGORY,
            RuleMessage.SIGNATURE, FirewallExtras.SIGNATURE_ID,
            RuleMessage.IDS, FirewallExtras.DESCRIPTION,
            RuleMessage.PRIORITY, FirewallExtras.SEVERITY,
            RuleMessage.CLASSIFICATION, FirewallExtras.SIGNATURE_CATEGORY,
            RuleMessage.THREAT_INTEL, FirewallExtras.THREAT_DESCRIPTION);

    @Override
    public Set<String> categories() {
        return Set.copyOf(CATEGORIES.values());
    }

    @Override
    public void parse(JsonObject record, String category, RecordContext context, EntrySink sink) {
        String name = CATEGORIES.getOrDefault(category.toLowerCase(Locale.ROOT), category);
        FlowEvent event;
        try {
            event = read(record, name);
        } catch (RecordRejected rejected) {
            sink.quarantine(context.quarantine(name, record, rejected.getMessage()));
            return;
        }
        sink.event(FlowEvents.seal(event));
    }

    private static FlowEvent read(JsonObject record, String category) throws RecordRejected {
        FirewallEnvelope envelope = FirewallEnvelope.read(record, category);
        JsonObject properties = record.object("properties");
        String msg = properties == null ? null : properties.text("msg");
        if (msg == null) {
            throw new RecordRejected(category + ": properties.msg missing");
        }
        if (category.equals(DNS_PROXY)) {
            DnsProxyMessage line = DnsProxyMessage.parse(msg);
            if (line == null) {
                throw noKnownForm(category);
            }
            return line.isError() ? dnsError(envelope, line) : dnsRequest(envelope, line, category);
        }
        RuleMessage line = RuleMessage.parse(msg);
        if (line == null) {
            throw noKnownForm(category);
        }
        return rule(envelope, line, category);
    }

    private static FlowEvent rule(FirewallEnvelope envelope, RuleMessage line, String category)
            throws RecordRejected {
        FlowEvent event = envelope.draft(line.kind());
        event.setSourceIp(clientIp(line.source(), category));
        event.setSourcePort(RecordFields.port(line.source().port(), "msg source port", event));
        if (line.destination() != null) {
            FirewallFields.destinationHost(event, line.destination().host(), "msg destination");
            event.setDestinationPort(RecordFields.port(line.destination().port(), "msg destination port", event));
        }
        FirewallFields.protocol(event, line.protocol(), "msg protocol");
        FlowEvents.extra(event, FirewallExtras.ICMP_TYPE, line.icmpType());
        if (line.translated() != null) {
            FlowEvents.extra(event, FirewallExtras.TRANSLATED_IP,
                    RecordFields.optionalIp(line.translated().host(), "msg translated address", event));
            Integer port = RecordFields.port(line.translated().port(), "msg translated port", event);
            FlowEvents.extra(event, FirewallExtras.TRANSLATED_PORT, port == null ? null : port.toString());
        } else {
            FirewallFields.action(event, line.action(), "msg Action");
        }
        LABEL_EXTRAS.forEach((label, key) -> FlowEvents.extra(event, key, line.label(label)));
        FirewallExtras.url(event, line.label(RuleMessage.URL));
        FlowEvents.extra(event, FirewallExtras.ACTION_REASON, reason(line));
        event.setDirection(TrafficDirection.of(event));
        return event;
    }

    /** "Reason: ..." and the text after the action word ("No rule matched. ...") both say why. */
    private static String reason(RuleMessage line) {
        String labelled = line.label(RuleMessage.REASON);
        String free = line.freeText();
        if (labelled == null) {
            return free;
        }
        return free == null ? labelled : free + ". " + labelled;
    }

    /** A client's query: the client is the source and the name asked is the destination. */
    private static FlowEvent dnsRequest(FirewallEnvelope envelope, DnsProxyMessage line, String category)
            throws RecordRejected {
        FlowEvent event = envelope.draft(FlowKind.dns_query);
        event.setSourceIp(clientIp(line.client(), category));
        event.setSourcePort(RecordFields.port(line.client().port(), "msg client port", event));
        FirewallFields.protocol(event, line.protocol(), "msg protocol");
        FirewallFields.destinationHost(event, line.queryName(), "msg query name");
        FlowEvents.extra(event, FirewallExtras.DNS_QUERY_ID, line.queryId());
        FlowEvents.extra(event, FirewallExtras.DNS_QUERY_TYPE, line.queryType());
        FlowEvents.extra(event, FirewallExtras.DNS_QUERY_CLASS, line.queryClass());
        FlowEvents.extra(event, FirewallExtras.DNS_RESPONSE_CODE, line.responseCode());
        FlowEvents.extra(event, FirewallExtras.DNS_RESPONSE_FLAGS, line.responseFlags());
        FlowEvents.extra(event, FirewallExtras.DNS_REQUEST_SIZE, line.requestSize());
        FlowEvents.extra(event, FirewallExtras.DNS_RESPONSE_SIZE, line.responseSize());
        FlowEvents.extra(event, FirewallExtras.DNS_EDNS0_BUFFER_SIZE, line.edns0BufferSize());
        FlowEvents.extra(event, FirewallExtras.DNS_DNSSEC_OK, line.dnssecOk().toLowerCase(Locale.ROOT));
        FlowEvents.extra(event, FirewallExtras.DNS_DURATION_SECONDS, line.durationSeconds());
        event.setDirection(TrafficDirection.of(event));
        return event;
    }

    /**
     * The proxy's own upstream lookup failed. The line names no client, so the event has no source and no
     * direction (like AZFWFqdnResolveFailure); the DNS server it asked is the destination.
     */
    private static FlowEvent dnsError(FirewallEnvelope envelope, DnsProxyMessage line) {
        FlowEvent event = envelope.draft(FlowKind.dns_query);
        if (line.server() != null) {
            event.setDestinationIp(RecordFields.optionalIp(line.server().host(), "msg DNS server", event));
            event.setDestinationPort(RecordFields.port(line.server().port(), "msg DNS server port", event));
        }
        FirewallFields.protocol(event, line.protocol(), "msg protocol");
        FirewallFields.destinationHost(event, line.queryName(), "msg query name");
        FlowEvents.extra(event, FirewallExtras.DNS_QUERY_TYPE, line.queryType());
        if (!line.errorNumber().equals("0")) {
            FlowEvents.extra(event, FirewallExtras.DNS_ERROR_NUMBER, line.errorNumber());
        }
        FlowEvents.extra(event, FirewallExtras.DNS_ERROR_MESSAGE, line.errorText());
        return event;
    }

    private static String clientIp(HostPort address, String category) throws RecordRejected {
        String ip = RecordFields.ip(address.host());
        if (ip == null) {
            throw new RecordRejected(category + ": msg source address " + RecordFields.quote(address.host())
                    + " is not an IP address");
        }
        return ip;
    }

    private static RecordRejected noKnownForm(String category) {
        return new RecordRejected(category + ": msg matches no known form");
    }
}
