package io.outflow.ingest.firewall;

import static io.outflow.ingest.firewall.FirewallFixtures.FIREWALL;
import static io.outflow.ingest.firewall.FirewallFixtures.onlyEvent;
import static io.outflow.ingest.firewall.FirewallFixtures.parse;
import static io.outflow.schemas.Direction.inbound;
import static io.outflow.schemas.Direction.outbound;
import static io.outflow.schemas.FlowAction.alert;
import static io.outflow.schemas.FlowAction.allow;
import static io.outflow.schemas.FlowAction.deny;
import static io.outflow.schemas.FlowKind.connection;
import static io.outflow.schemas.FlowKind.dns_query;
import static io.outflow.schemas.FlowKind.flow_summary;
import static io.outflow.schemas.FlowKind.idps;
import static io.outflow.schemas.FlowKind.nat;
import static io.outflow.schemas.FlowKind.threat_intel;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One fixture per AZFW* category (and per notable shape), fed through the standard body parser. */
class StructuredFirewallRecordsTest {

    @Test
    void networkRuleGivesAnAllowedOutboundConnectionWithItsRule() {
        FlowEvent e = onlyEvent("structured/network-rule-allow.json");

        assertThat(e.getCategory()).isEqualTo("AZFWNetworkRule");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:15:42.123Z"));
        assertThat(e.getResourceId()).isEqualTo(FIREWALL);
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.224.0.35", 40112, "198.51.100.23", 5432,
                null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "policy", "pol-aks-egress", "ruleCollectionGroup", "rcg-platform",
                "ruleCollection", "rc-data-stores", "rule", "allow-postgres"));
        assertThat(e.getWarnings()).isEmpty();
        assertThat(e.getEventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void networkRuleReadsPortsGivenAsStringsAndLeavesEmptyRuleNamesOut() {
        FlowEvent e = onlyEvent("structured/network-rule-deny-default-action.json");

        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:15:50.400Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.2.30", 51544, "203.0.113.61", 8333,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("actionReason", "Default Action"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void networkRuleNormalisesIpv6Addresses() {
        FlowEvent e = onlyEvent("structured/network-rule-ipv6-udp.json");

        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:16:01.250Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "fd12:3456:789a::1b", 40999, "2001:db8::35",
                53, null, "UDP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "policy", "pol-aks-egress", "ruleCollectionGroup", "rcg-platform",
                "ruleCollection", "rc-infra", "rule", "allow-dns-v6"));
    }

    @Test
    void flowFromAPublicAddressToAnInternalOneIsInbound() {
        FlowEvent e = onlyEvent("structured/network-rule-from-internet.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "203.0.113.77", 61122, "10.224.0.40", 22,
                null, "TCP", deny, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("actionReason", "Default Action"));
    }

    @Test
    void keysMatchInAnyCaseAndTheCategoryTakesItsCanonicalSpelling() {
        FlowEvent e = onlyEvent("structured/network-rule-mixed-case-keys.json");

        assertThat(e.getCategory()).isEqualTo("AZFWNetworkRule");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:16:03.500Z"));
        assertThat(e.getResourceId()).isEqualTo(FIREWALL);
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.224.0.36", 33000, "192.0.2.50", 22,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("rule", "deny-ssh-out"));
    }

    @Test
    void applicationRuleWithoutDestinationIpHasTheFqdnAsItsOnlyDestination() {
        FlowEvent e = onlyEvent("structured/application-rule-https-without-destination-ip.json");

        assertThat(e.getCategory()).isEqualTo("AZFWApplicationRule");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:20:00.000Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.18", 52210, null, 443,
                "pool.coinhive-mirror.example", "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "actionReason", "Default Action", "policy", "pol-aks-egress",
                "tlsInspected", "false", "explicitProxy", "false"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void applicationRuleUrlLosesItsUserinfoQueryAndFragment() {
        FlowEvent e = onlyEvent("structured/application-rule-http-with-url.json");

        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:21:13.987Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.19", 52300, "203.0.113.10", 80,
                "artifacts.example.org", "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("applicationProtocol", "HTTP"),
                entry("url", "http://artifacts.example.org/releases/agent.tar.gz"),
                entry("webCategory", "ComputersAndTechnology"),
                entry("tlsInspected", "true"),
                entry("explicitProxy", "true"),
                entry("policy", "pol-aks-egress"),
                entry("ruleCollectionGroup", "rcg-apps"),
                entry("ruleCollection", "rc-build"),
                entry("rule", "allow-artifacts")));
    }

    @Test
    void natRuleIsAnInboundNatWithoutActionAndKeepsTheTranslatedAddress() {
        FlowEvent e = onlyEvent("structured/nat-rule.json");

        assertThat(e.getCategory()).isEqualTo("AZFWNatRule");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:30:00.500Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(nat, "198.51.100.200", 61000, "203.0.113.5", 443,
                null, "TCP", null, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "translatedIp", "10.224.0.50", "translatedPort", "8443", "policy", "pol-edge",
                "ruleCollectionGroup", "rcg-dnat", "ruleCollection", "rc-ingress", "rule", "https-to-ingress"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void threatIntelReadsTheUrlFromUrl() {
        FlowEvent e = onlyEvent("structured/threat-intel-url.json");

        assertThat(e.getCategory()).isEqualTo("AZFWThreatIntel");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:31:10.100Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(threat_intel, "10.244.4.2", 39001, "192.0.2.66", 443,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "url", "https://c2.badactor.example/gate.php",
                "threatDescription", "Known command and control server",
                "tlsInspected", "true"));
    }

    @Test
    void threatIntelReadsTheUrlFromTargetUrlAndAnAlertAction() {
        FlowEvent e = onlyEvent("structured/threat-intel-target-url.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(threat_intel, "10.244.4.3", 39002, "192.0.2.67", 80,
                "dl.malware-drop.example", "TCP", alert, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "url", "http://dl.malware-drop.example/x.bin",
                "threatDescription", "Malware distribution site reported by Threat Intelligence",
                "tlsInspected", "false"));
    }

    @Test
    void idpsSignatureCategoryIsReadFromPropertiesNotFromTheEnvelope() {
        CollectingSink sink = parse("structured/idps-signature.json");
        assertThat(sink.quarantined).isEmpty();
        assertThat(sink.events).hasSize(2);

        FlowEvent dropped = sink.events.get(0);
        assertThat(dropped.getCategory()).isEqualTo("AZFWIdpsSignature");
        assertThat(dropped.getTime()).isEqualTo(Instant.parse("2025-02-11T08:40:00.750Z"));
        assertThat(FlowFacts.of(dropped)).isEqualTo(new FlowFacts(idps, "10.244.1.9", 47001, "192.0.2.144", 8080,
                null, "TCP", deny, outbound));
        assertThat(dropped.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "signatureId", "2034567", "signatureCategory", "A Network Trojan was detected", "severity", "1",
                "description", "ET MALWARE Observed Beacon User-Agent (invented)"));

        FlowEvent alerted = sink.events.get(1);
        assertThat(alerted.getCategory()).isEqualTo("AZFWIdpsSignature");
        assertThat(FlowFacts.of(alerted)).isEqualTo(new FlowFacts(idps, "10.244.1.10", 47002, "198.51.100.9", 443,
                null, "TCP", alert, outbound));
        assertThat(alerted.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "signatureId", "2029999", "signatureCategory", "Potentially Bad Traffic", "severity", "3",
                "description", "ET INFO Suspicious TLD lookup (invented)"));
    }

    @Test
    void dnsQueryNamesTheQueriedHostAsDestinationAndKeepsTheDnsDetails() {
        CollectingSink sink = parse("structured/dns-query.json");
        assertThat(sink.quarantined).isEmpty();
        assertThat(sink.events).hasSize(2);

        FlowEvent answered = sink.events.get(0);
        assertThat(answered.getCategory()).isEqualTo("AZFWDnsQuery");
        assertThat(answered.getTime()).isEqualTo(Instant.parse("2025-02-11T08:50:00.123Z"));
        assertThat(FlowFacts.of(answered)).isEqualTo(new FlowFacts(dns_query, "10.244.0.10", 38211, null, null,
                "xmr-pool.example.net", "UDP", null, outbound));
        assertThat(answered.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("dnsQueryId", "4242"), entry("dnsQueryType", "AAAA"), entry("dnsQueryClass", "IN"),
                entry("dnsResponseCode", "NOERROR"), entry("dnsResponseFlags", "qr,rd,ra"),
                entry("dnsRequestSize", "41"), entry("dnsResponseSize", "97"), entry("dnsEdns0BufferSize", "1232"),
                entry("dnsDnssecOk", "false"), entry("dnsDurationSeconds", "0.0000412")));

        FlowEvent failed = sink.events.get(1);
        assertThat(FlowFacts.of(failed)).isEqualTo(new FlowFacts(dns_query, "10.244.0.11", 53001, null, null,
                "slow.example.com", "TCP", null, outbound));
        assertThat(failed.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry("dnsQueryId", "4243"), entry("dnsQueryType", "A"), entry("dnsQueryClass", "IN"),
                entry("dnsResponseCode", "SERVFAIL"), entry("dnsRequestSize", "38"), entry("dnsResponseSize", "0"),
                entry("dnsEdns0BufferSize", "512"), entry("dnsDnssecOk", "true"),
                entry("dnsDurationSeconds", "2.0004"), entry("dnsErrorNumber", "2"),
                entry("dnsErrorMessage", "upstream server timed out")));
    }

    @Test
    void fqdnResolveFailureIsTheFirewallsOwnLookupWithoutSourceOrDirection() {
        FlowEvent e = onlyEvent("structured/fqdn-resolve-failure.json");

        assertThat(e.getCategory()).isEqualTo("AZFWFqdnResolveFailure");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T08:55:00Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, null, null, "10.50.0.4", 53,
                "mirror.corp.example", null, null, null));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "dnsErrorMessage", "lookup mirror.corp.example: no such host", "policy", "pol-aks-egress",
                "ruleCollectionGroup", "rcg-platform", "ruleCollection", "rc-mirrors", "rule", "allow-mirror"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void fatFlowIsAFlowSummaryWithItsRate() {
        FlowEvent e = onlyEvent("structured/fat-flow.json");

        assertThat(e.getCategory()).isEqualTo("AZFWFatFlow");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T09:00:00Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(flow_summary, "10.244.2.31", 45000, "198.51.100.77",
                3333, null, "TCP", null, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("flowRateMbps", "652.37"));
        assertThat(e.getBytesOut()).isNull();
    }

    @Test
    void flowTraceIsAConnectionWithItsTcpFlags() {
        FlowEvent e = onlyEvent("structured/flow-trace.json");

        assertThat(e.getCategory()).isEqualTo("AZFWFlowTrace");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-11T09:05:00.333Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.2.32", 45100, "203.0.113.90", 443,
                null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "actionReason", "Additional TCP Log", "tcpFlags", "SYN-ACK"));
    }

    @Test
    void everyStructuredCategoryIsRoutedToItsParser() {
        List<String> fixtures = List.of("network-rule-allow.json", "application-rule-http-with-url.json",
                "nat-rule.json", "threat-intel-url.json", "idps-signature.json", "dns-query.json",
                "fqdn-resolve-failure.json", "fat-flow.json", "flow-trace.json");
        List<String> categories = fixtures.stream()
                .map(f -> parse("structured/" + f).events.get(0).getCategory())
                .toList();

        assertThat(categories).containsExactly("AZFWNetworkRule", "AZFWApplicationRule", "AZFWNatRule",
                "AZFWThreatIntel", "AZFWIdpsSignature", "AZFWDnsQuery", "AZFWFqdnResolveFailure", "AZFWFatFlow",
                "AZFWFlowTrace");
        assertThat(new StructuredFirewallParser().categories()).containsExactlyInAnyOrderElementsOf(categories);
    }
}
