package io.outflow.ingest.firewall;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.Urls;
import io.outflow.schemas.FlowEvent;
import java.math.BigDecimal;

/**
 * The {@code extras} keys of firewall events, one key per fact whichever form (structured AZFW* or legacy
 * {@code msg}) it came from, and how values are written: as text, numbers without exponent, URLs without secrets.
 */
final class FirewallExtras {
    /** HTTP, HTTPS or MSSQL: the application protocol of an application rule; {@code protocol} is then TCP. */
    static final String APPLICATION_PROTOCOL = "applicationProtocol";
    static final String POLICY = "policy";
    static final String RULE_COLLECTION_GROUP = "ruleCollectionGroup";
    static final String RULE_COLLECTION = "ruleCollection";
    static final String RULE = "rule";
    /** Why the firewall acted: ActionReason, a legacy "Reason:" or the free text after the action. */
    static final String ACTION_REASON = "actionReason";
    static final String WEB_CATEGORY = "webCategory";
    /** TargetUrl / Url / legacy "Url:", with query string, fragment and userinfo removed. */
    static final String URL = "url";
    static final String TLS_INSPECTED = "tlsInspected";
    static final String EXPLICIT_PROXY = "explicitProxy";
    /** ThreatDescription, legacy "ThreatIntel:". */
    static final String THREAT_DESCRIPTION = "threatDescription";
    /** SignatureId, legacy "Signature:". */
    static final String SIGNATURE_ID = "signatureId";
    /** IDPS properties.Category, legacy "Classification:". */
    static final String SIGNATURE_CATEGORY = "signatureCategory";
    /** IDPS Severity, legacy "Priority:" (the same 1 = high .. 4 = informational scale). */
    static final String SEVERITY = "severity";
    /** IDPS Description, legacy "IDS:". */
    static final String DESCRIPTION = "description";
    static final String TRANSLATED_IP = "translatedIp";
    static final String TRANSLATED_PORT = "translatedPort";
    /** The ICMP type of a legacy "ICMP Type=8" line. */
    static final String ICMP_TYPE = "icmpType";
    /** AZFWFlowTrace Flag ("SYN-ACK", "FIN", ...). */
    static final String TCP_FLAGS = "tcpFlags";
    /** AZFWFatFlow FlowRate, megabits per second. */
    static final String FLOW_RATE_MBPS = "flowRateMbps";
    static final String DNS_QUERY_ID = "dnsQueryId";
    static final String DNS_QUERY_TYPE = "dnsQueryType";
    static final String DNS_QUERY_CLASS = "dnsQueryClass";
    static final String DNS_RESPONSE_CODE = "dnsResponseCode";
    static final String DNS_RESPONSE_FLAGS = "dnsResponseFlags";
    static final String DNS_REQUEST_SIZE = "dnsRequestSize";
    static final String DNS_RESPONSE_SIZE = "dnsResponseSize";
    static final String DNS_EDNS0_BUFFER_SIZE = "dnsEdns0BufferSize";
    static final String DNS_DNSSEC_OK = "dnsDnssecOk";
    static final String DNS_DURATION_SECONDS = "dnsDurationSeconds";
    /** A non-zero error number (0 means no error and is left out, as the legacy form has none for success). */
    static final String DNS_ERROR_NUMBER = "dnsErrorNumber";
    static final String DNS_ERROR_MESSAGE = "dnsErrorMessage";

    private FirewallExtras() {
    }

    /** Puts a JSON value as text: numbers in plain decimal (0.0000286, never 2.86E-5), strings stripped. */
    static void put(FlowEvent event, String key, Object value) {
        FlowEvents.extra(event, key, text(value));
    }

    static void url(FlowEvent event, String url) {
        FlowEvents.extra(event, URL, Urls.withoutSecrets(url));
    }

    static String text(Object value) {
        if (value instanceof String s) {
            return s.strip();
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return null;
            }
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }
}
