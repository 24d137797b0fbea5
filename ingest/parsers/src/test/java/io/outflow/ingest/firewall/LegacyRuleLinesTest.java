package io.outflow.ingest.firewall;

import static io.outflow.ingest.firewall.FirewallFixtures.FIREWALL;
import static io.outflow.ingest.firewall.FirewallFixtures.onlyEvent;
import static io.outflow.ingest.firewall.FirewallFixtures.onlyQuarantine;
import static io.outflow.schemas.Direction.inbound;
import static io.outflow.schemas.Direction.outbound;
import static io.outflow.schemas.FlowAction.alert;
import static io.outflow.schemas.FlowAction.allow;
import static io.outflow.schemas.FlowAction.deny;
import static io.outflow.schemas.FlowKind.connection;
import static io.outflow.schemas.FlowKind.idps;
import static io.outflow.schemas.FlowKind.nat;
import static io.outflow.schemas.FlowKind.threat_intel;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every rule-line variant of legacy {@code properties.msg} (research/formats.md §2.1): network, DNAT, IDS, threat
 * intel and application lines, each in a fixture written in the real format.
 */
class LegacyRuleLinesTest {

    @Test
    void networkLineWithoutTrailingPeriodIsRead() {
        FlowEvent e = onlyEvent("legacy/network-deny-without-trailing-period.json");

        assertThat(e.getCategory()).isEqualTo("AzureFirewallNetworkRule");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-12T10:00:00.100Z"));
        assertThat(e.getResourceId()).isEqualTo(FIREWALL);
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.224.0.21", 41822, "198.51.100.14", 6667,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).isEmpty();
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void networkLineWithTrailingPeriodAndSpaceIsRead() {
        FlowEvent e = onlyEvent("legacy/network-udp-allow-with-trailing-space.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.224.0.21", 53321, "192.0.2.53", 53,
                null, "UDP", allow, outbound));
        assertThat(e.getExtras()).isEmpty();
    }

    @Test
    void prettyPrintedRecordIsRead() {
        FlowEvent e = onlyEvent("legacy/network-deny-pretty-printed.json");

        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-12T10:06:00.059Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.224.0.22", 12518, "198.51.100.15", 2323,
                null, "TCP", deny, outbound));
    }

    @Test
    void networkLineKeepsPolicyAndRuleNamesUnderTheStructuredKeys() {
        FlowEvent e = onlyEvent("legacy/network-allow-with-policy-and-rules.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.1.12", 38870, "203.0.113.80", 443,
                null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "policy", "pol-aks-egress", "ruleCollectionGroup", "rcg-platform",
                "ruleCollection", "rc-web-out", "rule", "allow-https-out"));
    }

    @Test
    void doublePeriodAfterTheActionIsTolerated() {
        FlowEvent e = onlyEvent("legacy/network-allow-double-period.json");

        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-12T10:00:03.400Z"));
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.1.12", 38871, "10.60.0.5", 1433,
                null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ruleCollection", "rc-spoke-sql", "rule", "allow-sql"));
    }

    @Test
    void icmpLineWithTypeHasNoPortsAndKeepsTheIcmpType() {
        FlowEvent e = onlyEvent("legacy/network-icmp-type-deny.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.1.12", null, "198.51.100.1", null,
                null, "ICMP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("icmpType", "8"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void idsAlertWithEmptyPortsIsAnIdpsAlert() {
        FlowEvent e = onlyEvent("legacy/network-ids-icmp-alert-empty-ports.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(idps, "10.244.1.12", null, "198.51.100.1", null,
                null, "ICMP", alert, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "signatureId", "2100384", "description", "ICMP_INFO PING invented probe", "severity", "3",
                "signatureCategory", "Misc activity"));
        assertThat(e.getWarnings()).isEmpty();
    }

    @Test
    void idsDropIsAnIdpsDenyAndKeepsDotsAndBracketsInTheDescription() {
        FlowEvent e = onlyEvent("legacy/network-ids-drop.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(idps, "10.244.2.7", 50110, "192.0.2.200", 443,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "signatureId", "2031234", "description", "ET MALWARE Possible Beacon - [Invented.Feed] Variant B",
                "severity", "1", "signatureCategory", "A Network Trojan was detected"));
    }

    @Test
    void idsAlertIsAnIdpsAlert() {
        FlowEvent e = onlyEvent("legacy/network-ids-alert.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(idps, "10.244.2.7", 50112, "192.0.2.201", 3306,
                null, "TCP", alert, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "signatureId", "2105555", "description", "MYSQL login attempt from container", "severity", "2",
                "signatureCategory", "Attempted Information Leak"));
    }

    @Test
    void threatIntelLineHasAHostDestinationAndASanitisedUrl() {
        FlowEvent e = onlyEvent("legacy/network-threat-intel-deny.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(threat_intel, "10.244.2.7", 44120, null, 80,
                "updates.badactor.example", "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTP", "url", "updates.badactor.example/feed",
                "threatDescription", "Botnet command and control"));
    }

    @Test
    void dnatLineIsAnInboundNatWithTheTranslatedAddress() {
        FlowEvent e = onlyEvent("legacy/nat-dnat.json");

        assertThat(e.getCategory()).isEqualTo("AzureFirewallNetworkRule");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(nat, "198.51.100.90", 50001, "203.0.113.5", 8443,
                null, "TCP", null, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "translatedIp", "10.224.0.60", "translatedPort", "443"));
    }

    @Test
    void dnatLineWithPolicyKeepsEveryRuleName() {
        FlowEvent e = onlyEvent("legacy/nat-dnat-with-policy-and-rules.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(nat, "198.51.100.90", 50002, "203.0.113.5", 8443,
                null, "TCP", null, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "translatedIp", "10.224.0.60", "translatedPort", "443", "policy", "pol-edge",
                "ruleCollectionGroup", "rcg-dnat", "ruleCollection", "rc-ingress", "rule", "https-to-ingress"));
    }

    @Test
    void dnatLineWithOnlyRuleCollectionIsRead() {
        FlowEvent e = onlyEvent("legacy/nat-dnat-with-rule-collection.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(nat, "198.51.100.91", 50003, "203.0.113.5", 2222,
                null, "TCP", null, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "translatedIp", "10.224.0.61", "translatedPort", "22", "ruleCollection", "rc-ingress",
                "rule", "ssh-bastion"));
    }

    @Test
    void applicationLineIsATcpConnectionToTheHostWithHttpsAsApplicationProtocol() {
        FlowEvent e = onlyEvent("legacy/application-allow-with-rule-collection.json");

        assertThat(e.getCategory()).isEqualTo("AzureFirewallApplicationRule");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.5", 55012, null, 443,
                "packages.example.com", "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "ruleCollection", "rc-packages", "rule", "allow-packages"));
    }

    @Test
    void applicationLineKeepsTheWebCategory() {
        FlowEvent e = onlyEvent("legacy/application-allow-with-web-category.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.5", 55013, null, 443,
                "search.example.net", "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "ruleCollection", "rc-browse", "rule", "allow-search",
                "webCategory", "SearchEnginesAndPortals"));
    }

    @Test
    void ruleNameWithSpacesIsKeptWhole() {
        FlowEvent e = onlyEvent("legacy/application-rule-name-with-spaces.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.5", 55014, null, 443,
                "telemetry.vendor.example", "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "policy", "pol-aks-egress", "ruleCollectionGroup", "rcg-apps",
                "ruleCollection", "rc-vendor-allow-100", "rule", "Allowed Vendor Telemetry Endpoints",
                "webCategory", "ComputersAndTechnology"));
    }

    @Test
    void httpLineWithTwoSpacesKeepsItsUrlAndARuleNameWithCommaAndDots() {
        FlowEvent e = onlyEvent("legacy/application-http-two-spaces-url-and-rule-with-comma.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.5", 55015, null, 80,
                "crl.ca.example", "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTP", "url", "crl.ca.example/intermediate.crl", "policy", "pol-aks-egress",
                "ruleCollectionGroup", "rcg-apps", "ruleCollection", "rc-pki-300", "rule", "PKI-to-CRL, OCSP v1.2"));
    }

    @Test
    void noRuleMatchedIsKeptAsTheActionReason() {
        FlowEvent e = onlyEvent("legacy/application-no-rule-matched.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.6", 40001, null, 443,
                "unknown-saas.example.io", "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS",
                "actionReason", "No rule matched. Proceeding with default action"));
    }

    @Test
    void nameResolutionFailureIsKeptAsTheActionReasonWithTheRequestedHostAsDestination() {
        FlowEvent e = onlyEvent("legacy/application-failed-to-resolve.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.6", 40002, null, 443,
                "api.partner.example", "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS",
                "actionReason", "Failed to resolve address gw.partner.example:443: lookup gw.partner.example on "
                        + "10.50.0.4:53: no such host"));
    }

    @Test
    void missingSniGivesAnEventWithoutDestination() {
        FlowEvent e = onlyEvent("legacy/application-missing-sni.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.6", 40003, null, null,
                null, "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "actionReason", "SNI TLS extension was missing"));
    }

    @Test
    void applicationDenyWithExtraEnvelopeKeysIsRead() {
        FlowEvent e = onlyEvent("legacy/application-deny-with-rule-collection.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.3.6", 40004, null, 443,
                "gambling.example", "TCP", deny, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "applicationProtocol", "HTTPS", "ruleCollection", "rc-block", "rule", "block-gambling"));
    }

    @Test
    void bracketedIpv6AddressesKeepTheirPorts() {
        FlowEvent e = onlyEvent("legacy/network-ipv6-bracketed.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "fd12:3456:789a::1b", 40500, "2001:db8::443",
                443, null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ruleCollection", "rc-v6", "rule", "allow-v6"));
    }

    @Test
    void unbracketedIpv6AddressesAreSplitAtTheirLastColon() {
        FlowEvent e = onlyEvent("legacy/network-ipv6-unbracketed.json");

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "fd12:3456:789a::1c", 40501, "2001:db8::53",
                53, null, "UDP", allow, outbound));
    }

    @Test
    void messageOfNoKnownFormIsQuarantinedWithItsRawRecord() {
        QuarantineEntry q = onlyQuarantine("legacy/network-unknown-form.json");

        assertThat(q.category()).isEqualTo("AzureFirewallNetworkRule");
        assertThat(q.reason()).isEqualTo("AzureFirewallNetworkRule: msg matches no known form");
        assertThat(q.raw()).isEqualTo(FirewallFixtures.text("legacy/network-unknown-form.json").strip());
        assertThat(q.rawTruncated()).isFalse();
    }

    @Test
    void sourceThatIsNotAnIpAddressIsQuarantined() {
        QuarantineEntry q = onlyQuarantine("legacy/network-source-not-an-ip.json");

        assertThat(q.reason())
                .isEqualTo("AzureFirewallNetworkRule: msg source address 'gateway.example' is not an IP address");
    }
}
