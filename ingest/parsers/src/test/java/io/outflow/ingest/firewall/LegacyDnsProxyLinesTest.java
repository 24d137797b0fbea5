package io.outflow.ingest.firewall;

import static io.outflow.ingest.firewall.FirewallFixtures.onlyEvent;
import static io.outflow.ingest.firewall.FirewallFixtures.onlyQuarantine;
import static io.outflow.schemas.Direction.outbound;
import static io.outflow.schemas.FlowKind.dns_query;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Legacy AzureFirewallDnsProxy lines: requests with either separator, flags '-', and the error form. */
class LegacyDnsProxyLinesTest {

    @Test
    void requestWithHyphenSeparatorGivesTheClientAndTheQueriedName() {
        FlowEvent e = onlyEvent("legacy/dns-request-with-hyphen.json");

        assertThat(e.getCategory()).isEqualTo("AzureFirewallDnsProxy");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-12T10:03:00Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, "10.244.0.10", 51234, null, null,
                "api.example.org", "UDP", null, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("dnsQueryId", "27001"), entry("dnsQueryType", "A"), entry("dnsQueryClass", "IN"),
                entry("dnsRequestSize", "45"), entry("dnsDnssecOk", "false"), entry("dnsEdns0BufferSize", "512"),
                entry("dnsResponseCode", "NXDOMAIN"), entry("dnsResponseFlags", "qr,rd,ra"),
                entry("dnsResponseSize", "120"), entry("dnsDurationSeconds", "0.001520731")));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void requestWithEnDashAndNoFlagsLeavesTheFlagsOut() {
        FlowEvent e = onlyEvent("legacy/dns-request-with-en-dash-and-no-flags.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, "10.244.0.11", 42424, null, null,
                "cdn.example.net", "UDP", null, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("dnsQueryId", "8080"), entry("dnsQueryType", "AAAA"), entry("dnsQueryClass", "IN"),
                entry("dnsRequestSize", "52"), entry("dnsDnssecOk", "false"), entry("dnsEdns0BufferSize", "1232"),
                entry("dnsResponseCode", "NOERROR"), entry("dnsResponseSize", "0"),
                entry("dnsDurationSeconds", "2.000418112")));
    }

    @Test
    void errorLineNamesTheServerAskedButNoClient() {
        FlowEvent e = onlyEvent("legacy/dns-error.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, null, null, "10.50.0.4", 53,
                "metrics.example.internal", "UDP", null, null));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dnsQueryType", "AAAA", "dnsErrorNumber", "2",
                "dnsErrorMessage", "read udp 10.50.1.6:38991->10.50.0.4:53: i/o timeout"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void dnsLineOfNoKnownFormIsQuarantined() {
        assertThat(onlyQuarantine("legacy/dns-unknown-form.json").reason())
                .isEqualTo("AzureFirewallDnsProxy: msg matches no known form");
    }
}
