package io.outflow.ingest.firewall;

import static io.outflow.ingest.firewall.FirewallFixtures.parse;
import static io.outflow.schemas.Direction.inbound;
import static io.outflow.schemas.Direction.outbound;
import static io.outflow.schemas.FlowAction.alert;
import static io.outflow.schemas.FlowAction.allow;
import static io.outflow.schemas.FlowKind.connection;
import static io.outflow.schemas.FlowKind.dns_query;
import static io.outflow.schemas.FlowKind.idps;
import static io.outflow.schemas.FlowKind.nat;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One diagnostic-settings body, {@code {"records":[...]}}, mixing structured and legacy categories, IPv6, string and
 * redacted ports, a zone-less and an unsupported time, a missing SourceIp and a message of no known form.
 */
class MixedFirewallBodyTest {
    private static CollectingSink sink;

    @BeforeAll
    static void parseTheBody() {
        sink = parse("mixed-categories-body.json");
    }

    @Test
    void everyRecordGivesExactlyOneOutcomeInOrder() {
        assertThat(sink.outcomes()).isEqualTo(12);
        assertThat(sink.inOrder).extracting(o -> o instanceof FlowEvent ? "event"
                        : o instanceof QuarantineEntry ? "quarantine" : "ignored")
                .containsExactly("event", "event", "event", "event", "quarantine", "quarantine", "quarantine",
                        "event", "ignored", "event", "event", "quarantine");
    }

    @Test
    void countsPerCategoryAddUp() {
        EntryCounts counts = sink.counts();

        assertThat(counts.entries()).isEqualTo(12);
        assertThat(counts.events()).isEqualTo(7);
        assertThat(counts.quarantined()).isEqualTo(4);
        assertThat(counts.ignored()).isEqualTo(1);
        assertThat(counts.byCategory().get("AZFWNetworkRule").events()).isEqualTo(1);
        assertThat(counts.byCategory().get("AZFWNetworkRule").quarantined()).isEqualTo(2);
        assertThat(counts.byCategory().get("AZFWNetworkRuleAggregation").ignored()).isEqualTo(1);
    }

    @Test
    void ipv6RecordWithStringPortsIsRead() {
        FlowEvent e = sink.events.get(0);

        assertThat(e.getCategory()).isEqualTo("AZFWNetworkRule");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "fd12:3456:789a::2a", 50443, "2001:db8::1:0:0:1",
                443, null, "TCP", allow, outbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("rule", "allow-v6-web"));
    }

    @Test
    void legacyRecordBetweenStructuredOnesIsRoutedByItsOwnCategory() {
        FlowEvent e = sink.events.get(1);

        assertThat(e.getCategory()).isEqualTo("AzureFirewallApplicationRule");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.5.5", 41000, null, 443,
                "registry.example.org", "TCP", allow, outbound));
    }

    @Test
    void redactedPortsAndAddressAreLeftOutWithWarnings() {
        FlowEvent e = sink.events.get(2);

        assertThat(e.getCategory()).isEqualTo("AZFWApplicationRule");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(connection, "10.244.5.6", null, null, null,
                "api.example.com", "TCP", allow, outbound));
        assertThat(e.getWarnings()).containsExactly(
                "SourcePort '<redacted>' is not a port number; left out",
                "DestinationIp '<redacted>' is not an IP address; left out",
                "DestinationPort '<redacted>' is not a port number; left out");
    }

    @Test
    void zonelessTimeIsReadAsUtcWithAWarning() {
        FlowEvent e = sink.events.get(3);

        assertThat(e.getCategory()).isEqualTo("AZFWDnsQuery");
        assertThat(e.getTime()).isEqualTo(Instant.parse("2025-02-13T07:00:00Z"));
        assertThat(e.getWarnings()).containsExactly("time '2025-02-13T07:00:00' has no zone; read as UTC");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, "10.244.0.10", 40000, null, null,
                "registry.example.org", "UDP", null, outbound));
    }

    @Test
    void unsupportedTimeMissingSourceIpAndUnknownMessageAreQuarantinedWithTheirReasons() {
        assertThat(sink.quarantined).extracting(QuarantineEntry::category, QuarantineEntry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AZFWNetworkRule",
                        "AZFWNetworkRule: time '2/13/2025 7:00:01 AM' is in an unsupported time format"),
                org.assertj.core.groups.Tuple.tuple("AZFWThreatIntel", "AZFWThreatIntel: SourceIp missing"),
                org.assertj.core.groups.Tuple.tuple("AzureFirewallNetworkRule",
                        "AzureFirewallNetworkRule: msg matches no known form"),
                org.assertj.core.groups.Tuple.tuple("AZFWNetworkRule",
                        "AZFWNetworkRule: SourceIp '<redacted>' is not an IP address"));
    }

    @Test
    void quarantineEntriesCarryTheirOwnRecordText() {
        QuarantineEntry unknownMessage = sink.quarantined.get(2);

        assertThat(unknownMessage.raw()).startsWith("{").endsWith("}")
                .contains("Connection summary: 3 flows, 0 denied")
                .doesNotContain("AZFWIdpsSignature");
        assertThat(unknownMessage.source()).isEqualTo("firewall/mixed-categories-body.json");
        assertThat(unknownMessage.rawSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void idpsRecordKeepsItsSignatureCategoryApartFromTheEnvelopeCategory() {
        FlowEvent e = sink.events.get(4);

        assertThat(e.getCategory()).isEqualTo("AZFWIdpsSignature");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(idps, "10.244.5.8", 40002, "198.51.100.3", 9200,
                null, "TCP", alert, outbound));
        assertThat(e.getExtras()).containsEntry("signatureCategory", "Attempted Information Leak");
    }

    @Test
    void dnsProxyLineWithBracketedIpv6Client() {
        FlowEvent e = sink.events.get(5);

        assertThat(e.getCategory()).isEqualTo("AzureFirewallDnsProxy");
        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(dns_query, "fd12:3456:789a::a", 53000, null, null,
                "registry.example.org", "UDP", null, outbound));
    }

    @Test
    void redactedTranslatedPortIsLeftOutWithAWarning() {
        FlowEvent e = sink.events.get(6);

        assertThat(FlowFacts.of(e)).isEqualTo(new FlowFacts(nat, "198.51.100.201", 61001, "203.0.113.5", 443,
                null, "TCP", null, inbound));
        assertThat(e.getExtras()).containsExactlyInAnyOrderEntriesOf(Map.of("translatedIp", "10.224.0.50"));
        assertThat(e.getWarnings()).containsExactly("TranslatedPort '<redacted>' is not a port number; left out");
    }

    @Test
    void sameBodyDeliveredTwiceGivesTheSameEventIds() {
        CollectingSink again = parse("mixed-categories-body.json");

        assertThat(again.events).extracting(FlowEvent::getEventId)
                .containsExactlyElementsOf(sink.events.stream().map(FlowEvent::getEventId).toList())
                .doesNotHaveDuplicates();
    }
}
