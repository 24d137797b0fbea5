package io.outflow.ingest.hubble;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.Urls;
import io.outflow.ingest.json.JsonObject;
import io.outflow.schemas.FlowEvent;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Hubble's {@code flow.l7}, present when an L7 (DNS or HTTP) policy applies. The DNS query name becomes the event's
 * {@code destinationFqdn}; an HTTP URL's host does too. Extras: {@code l7Type} (REQUEST/RESPONSE),
 * {@code applicationProtocol} (DNS, HTTP, HTTPS), {@code dnsRcode}, {@code dnsQueryTypes}, {@code dnsAnswerIps},
 * {@code httpMethod}, {@code httpCode}, {@code url} (query string and userinfo removed).
 */
final class HubbleLayer7 {
    private HubbleLayer7() {
    }

    static void read(Object value, FlowEvent event) {
        if (value == null || value == JsonObject.NULL) {
            return;
        }
        if (!(value instanceof JsonObject l7)) {
            RecordFields.warn(event, "flow.l7", value, "is not an object");
            return;
        }
        FlowEvents.extra(event, "l7Type", l7.text("type"));
        JsonObject dns = l7.object("dns");
        if (dns != null) {
            FlowEvents.extra(event, "applicationProtocol", "DNS");
            event.setDestinationFqdn(RecordFields.fqdn(dns.text("query")));
            FlowEvents.extra(event, "dnsRcode", dns.text("rcode"));
            FlowEvents.extra(event, "dnsQueryTypes", joined(dns.array("qtypes")));
            FlowEvents.extra(event, "dnsAnswerIps", joined(dns.array("ips")));
        }
        JsonObject http = l7.object("http");
        if (http != null) {
            String url = Urls.withoutSecrets(http.text("url"));
            boolean https = url != null && url.regionMatches(true, 0, "https://", 0, 8);
            FlowEvents.extra(event, "applicationProtocol", https ? "HTTPS" : "HTTP");
            FlowEvents.extra(event, "httpMethod", http.text("method"));
            FlowEvents.extra(event, "httpCode", http.text("code"));
            FlowEvents.extra(event, "url", url);
            if (event.getDestinationFqdn() == null) {
                event.setDestinationFqdn(hostName(url));
            }
        }
    }

    /** Strings of a list joined by commas, or null when there are none. */
    static String joined(List<Object> items) {
        if (items == null) {
            return null;
        }
        StringJoiner out = new StringJoiner(",");
        for (Object item : items) {
            if (item instanceof String s && !s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** The host of a URL when it is a name (not an IP literal), lower case; else null. */
    private static String hostName(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        int start = scheme + 3;
        int end = url.indexOf('/', start);
        String authority = url.substring(start, end < 0 ? url.length() : end);
        if (authority.startsWith("[")) {
            return null; // an IPv6 literal
        }
        int colon = authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        if (host.isEmpty() || RecordFields.ip(host) != null) {
            return null;
        }
        return RecordFields.fqdn(host.toLowerCase(Locale.ROOT));
    }
}
