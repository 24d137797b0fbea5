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
 * Azure Firewall resource-specific logs (the AZFW* categories): one record, one event. Property keys are matched
 * case-insensitively within {@code properties} only, so the IDPS signature's {@code Category} is never the envelope's
 * {@code category}. Ports come as numbers or numeric strings; "" means absent; an invalid optional value is left out
 * with a warning. A record without a readable time, without {@code properties}, or without a valid {@code SourceIp}
 * (every category but AZFWFqdnResolveFailure, the firewall's own lookup) is quarantined.
 */
public final class StructuredFirewallParser implements RecordParser {
    public static final String NETWORK_RULE = "AZFWNetworkRule";
    public static final String APPLICATION_RULE = "AZFWApplicationRule";
    public static final String NAT_RULE = "AZFWNatRule";
    public static final String THREAT_INTEL = "AZFWThreatIntel";
    public static final String IDPS_SIGNATURE = "AZFWIdpsSignature";
    public static final String DNS_QUERY = "AZFWDnsQuery";
    public static final String FQDN_RESOLVE_FAILURE = "AZFWFqdnResolveFailure";
    public static final String FAT_FLOW = "AZFWFatFlow";
    public static final String FLOW_TRACE = "AZFWFlowTrace";

    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        for (String c : new String[] {NETWORK_RULE, APPLICATION_RULE, NAT_RULE, THREAT_INTEL, IDPS_SIGNATURE,
                DNS_QUERY, FQDN_RESOLVE_FAILURE, FAT_FLOW, FLOW_TRACE}) {
            CATEGORIES.put(c.toLowerCase(Locale.ROOT), c);
        }
    }

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
        if (properties == null) {
            throw new RecordRejected(category + ": properties missing");
        }
        return switch (category) {
            case NETWORK_RULE, FLOW_TRACE -> connection(envelope, properties, category);
            case APPLICATION_RULE -> applicationRule(envelope, properties, category);
            case NAT_RULE -> natRule(envelope, properties, category);
            case THREAT_INTEL -> threatIntel(envelope, properties, category);
            case IDPS_SIGNATURE -> idpsSignature(envelope, properties, category);
            case DNS_QUERY -> dnsQuery(envelope, properties, category);
            case FQDN_RESOLVE_FAILURE -> fqdnResolveFailure(envelope, properties);
            case FAT_FLOW -> fatFlow(envelope, properties, category);
            default -> throw new RecordRejected(category + ": category not read by this parser");
        };
    }

    /** AZFWNetworkRule and AZFWFlowTrace (whose Flag names the TCP flags of the logged packet). */
    private static FlowEvent connection(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.connection, p, category);
        FirewallFields.action(event, p.text("Action"), "Action");
        FirewallExtras.put(event, FirewallExtras.TCP_FLAGS, p.get("Flag"));
        return finish(event);
    }

    private static FlowEvent applicationRule(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.connection, p, category);
        FirewallFields.action(event, p.text("Action"), "Action");
        FirewallFields.destinationHost(event, p.text("Fqdn"), "Fqdn");
        FirewallExtras.url(event, p.text("TargetUrl"));
        FirewallExtras.put(event, FirewallExtras.WEB_CATEGORY, p.get("WebCategory"));
        FirewallExtras.put(event, FirewallExtras.TLS_INSPECTED, p.bool("IsTlsInspected"));
        FirewallExtras.put(event, FirewallExtras.EXPLICIT_PROXY, p.bool("IsExplicitProxyRequest"));
        return finish(event);
    }

    /** A DNAT: the client reached the firewall's public address and was sent on to the translated one. */
    private static FlowEvent natRule(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.nat, p, category);
        FlowEvents.extra(event, FirewallExtras.TRANSLATED_IP,
                RecordFields.optionalIp(p.text("TranslatedIp"), "TranslatedIp", event));
        Integer translatedPort = RecordFields.port(p.get("TranslatedPort"), "TranslatedPort", event);
        if (translatedPort != null) {
            FlowEvents.extra(event, FirewallExtras.TRANSLATED_PORT, translatedPort.toString());
        }
        return finish(event);
    }

    /** The URL is {@code Url} in raw records and {@code TargetUrl} in the Log Analytics table: both are read. */
    private static FlowEvent threatIntel(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.threat_intel, p, category);
        FirewallFields.action(event, p.text("Action"), "Action");
        FirewallFields.destinationHost(event, p.text("Fqdn"), "Fqdn");
        String url = p.text("Url");
        FirewallExtras.url(event, url != null ? url : p.text("TargetUrl"));
        FirewallExtras.put(event, FirewallExtras.THREAT_DESCRIPTION, p.get("ThreatDescription"));
        FirewallExtras.put(event, FirewallExtras.TLS_INSPECTED, p.bool("IsTlsInspected"));
        return finish(event);
    }

    /** {@code properties.Category} is the signature's category, read at the properties level only. */
    private static FlowEvent idpsSignature(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.idps, p, category);
        FirewallFields.action(event, p.text("Action"), "Action");
        FirewallExtras.put(event, FirewallExtras.SIGNATURE_ID, p.get("SignatureId"));
        FirewallExtras.put(event, FirewallExtras.SIGNATURE_CATEGORY, p.get("Category"));
        FirewallExtras.put(event, FirewallExtras.SEVERITY, p.get("Severity"));
        FirewallExtras.put(event, FirewallExtras.DESCRIPTION, p.get("Description"));
        return finish(event);
    }

    /** A client's query through the DNS proxy: the name asked is the destination; there is no action. */
    private static FlowEvent dnsQuery(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = envelope.draft(FlowKind.dns_query);
        event.setSourceIp(requiredSourceIp(p, category));
        event.setSourcePort(RecordFields.port(p.get("SourcePort"), "SourcePort", event));
        FirewallFields.protocol(event, p.text("Protocol"), "Protocol");
        FirewallFields.destinationHost(event, p.text("QueryName"), "QueryName");
        FirewallExtras.put(event, FirewallExtras.DNS_QUERY_ID, p.get("QueryId"));
        FirewallExtras.put(event, FirewallExtras.DNS_QUERY_TYPE, p.get("QueryType"));
        FirewallExtras.put(event, FirewallExtras.DNS_QUERY_CLASS, p.get("QueryClass"));
        FirewallExtras.put(event, FirewallExtras.DNS_RESPONSE_CODE, p.get("ResponseCode"));
        FirewallExtras.put(event, FirewallExtras.DNS_RESPONSE_FLAGS, p.get("ResponseFlags"));
        FirewallExtras.put(event, FirewallExtras.DNS_REQUEST_SIZE, p.get("RequestSize"));
        FirewallExtras.put(event, FirewallExtras.DNS_RESPONSE_SIZE, p.get("ResponseSize"));
        FirewallExtras.put(event, FirewallExtras.DNS_EDNS0_BUFFER_SIZE, p.get("EDNS0BufferSize"));
        FirewallExtras.put(event, FirewallExtras.DNS_DNSSEC_OK, p.bool("DnssecOkBit"));
        FirewallExtras.put(event, FirewallExtras.DNS_DURATION_SECONDS, p.get("RequestDurationSecs"));
        Long errorNumber = RecordFields.wholeNumber(p.get("ErrorNumber"));
        if (errorNumber == null || errorNumber != 0) {
            FirewallExtras.put(event, FirewallExtras.DNS_ERROR_NUMBER, p.get("ErrorNumber"));
        }
        FirewallExtras.put(event, FirewallExtras.DNS_ERROR_MESSAGE, p.get("ErrorMessage"));
        return finish(event);
    }

    /**
     * The firewall's own failure to resolve an FQDN used in a rule: no client, so no source and no direction; the
     * DNS server it asked is the destination.
     */
    private static FlowEvent fqdnResolveFailure(FirewallEnvelope envelope, JsonObject p) {
        FlowEvent event = envelope.draft(FlowKind.dns_query);
        event.setDestinationIp(RecordFields.optionalIp(p.text("ServerIp"), "ServerIp", event));
        event.setDestinationPort(RecordFields.port(p.get("ServerPort"), "ServerPort", event));
        FirewallFields.destinationHost(event, p.text("Fqdn"), "Fqdn");
        FirewallExtras.put(event, FirewallExtras.DNS_ERROR_MESSAGE, p.get("Error"));
        ruleNames(event, p);
        return event;
    }

    /** A top flow: its rate in Mbit/s; the record carries no action. */
    private static FlowEvent fatFlow(FirewallEnvelope envelope, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = clientFlow(envelope, FlowKind.flow_summary, p, category);
        FirewallExtras.put(event, FirewallExtras.FLOW_RATE_MBPS, p.get("FlowRate"));
        return finish(event);
    }

    /** The five-tuple and the rule that matched, which every client-flow category shares. */
    private static FlowEvent clientFlow(FirewallEnvelope envelope, FlowKind kind, JsonObject p, String category)
            throws RecordRejected {
        FlowEvent event = envelope.draft(kind);
        event.setSourceIp(requiredSourceIp(p, category));
        event.setSourcePort(RecordFields.port(p.get("SourcePort"), "SourcePort", event));
        event.setDestinationIp(RecordFields.optionalIp(p.text("DestinationIp"), "DestinationIp", event));
        event.setDestinationPort(RecordFields.port(p.get("DestinationPort"), "DestinationPort", event));
        FirewallFields.protocol(event, p.text("Protocol"), "Protocol");
        FirewallExtras.put(event, FirewallExtras.ACTION_REASON, p.get("ActionReason"));
        ruleNames(event, p);
        return event;
    }

    private static void ruleNames(FlowEvent event, JsonObject p) {
        FirewallExtras.put(event, FirewallExtras.POLICY, p.get("Policy"));
        FirewallExtras.put(event, FirewallExtras.RULE_COLLECTION_GROUP, p.get("RuleCollectionGroup"));
        FirewallExtras.put(event, FirewallExtras.RULE_COLLECTION, p.get("RuleCollection"));
        FirewallExtras.put(event, FirewallExtras.RULE, p.get("Rule"));
    }

    private static String requiredSourceIp(JsonObject p, String category) throws RecordRejected {
        Object value = p.get("SourceIp");
        String text = p.text("SourceIp");
        if (text == null) {
            boolean missing = value == null || value == JsonObject.NULL;
            throw new RecordRejected(category + ": SourceIp " + (missing ? "missing" : "empty"));
        }
        String ip = RecordFields.ip(text);
        if (ip == null) {
            throw new RecordRejected(category + ": SourceIp " + RecordFields.quote(text) + " is not an IP address");
        }
        return ip;
    }

    private static FlowEvent finish(FlowEvent event) {
        event.setDirection(TrafficDirection.of(event));
        return event;
    }
}
