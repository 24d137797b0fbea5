package io.outflow.detectors.cryptomining;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.AlertId;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.detectors.settings.MiningPoolLists;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CryptominingDetectorTest {
    static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    static final AlertContext CONTEXT = new AlertContext("0123456789ab", "0.1.0", Mode.replay);
    static final String FIREWALL = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/azureFirewalls/fw";
    private static final ObjectMapper JSON = new ObjectMapper();

    static CryptominingDetector detector() {
        return new CryptominingDetector(CryptominingSettings.DEFAULT, MiningPoolLists.bundled(), CONTEXT);
    }

    static List<Alert> run(List<EnrichedFlow> flows) {
        return LocalRunner.run(List.of(detector()), Duration.ofMinutes(10), flows);
    }

    static Flows web(String pod, String ip) {
        return Flows.pod("shop", "Deployment", "web", pod, ip);
    }

    static EnrichedFlow sni(Flows from, Instant at, String fqdn, int sourcePort) {
        return from.at(at).fqdn(fqdn).port(443).sourcePort(sourcePort).category("AZFWApplicationRule")
                .resourceId(FIREWALL).extra("applicationProtocol", "HTTPS").build();
    }

    /** Flow-log tuples of one connection: one per minute from {@code start} for {@code minutes}. */
    static List<EnrichedFlow> tuples(Flows from, Instant start, int minutes, String ip, int port, long bytesPerMinute) {
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i <= minutes; i++) {
            flows.add(from.at(start.plus(Duration.ofMinutes(i))).to(ip, port).sourcePort(41000)
                    .category("FlowLogFlowEvent").kind(FlowKind.flow_summary).action(FlowAction.allow)
                    .bytes(i == 0 ? 0 : bytesPerMinute * 2 / 3, i == 0 ? 0 : bytesPerMinute / 3).build());
        }
        return flows;
    }

    static EnrichedFlow coreDnsLookup(Instant at, String name) {
        return Flows.pod("kube-system", "Deployment", "coredns", "coredns-5d78c9869d-abcde", "10.244.0.10").at(at)
                .fqdn(name).kind(FlowKind.dns_query).category("AZFWDnsQuery").protocol("UDP").port(53).build();
    }

    static JsonNode evidence(Alert alert) throws Exception {
        return JSON.readTree(alert.getEvidence());
    }

    @Test
    void poolDomainBySniRaisesOneHighAlertForTheWorkloadWithBothReplicas() throws Exception {
        List<EnrichedFlow> flows = new ArrayList<>();
        flows.add(sni(web("web-7d9f-a", "10.244.1.5"), T.plusSeconds(30), "xmr-eu1.nanopool.org", 40001));
        flows.add(sni(web("web-7d9f-b", "10.244.2.9"), T.plusSeconds(90), "xmr-eu2.nanopool.org", 40002));
        List<Alert> alerts = run(flows);
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.getDetector()).isEqualTo("cryptomining");
        assertThat(alert.getAlertId()).isEqualTo(AlertId.of(CryptominingDetector.ID, "aks-prod",
                "shop/Deployment/web->nanopool.org", T));
        assertThat(alert.getRevision()).isEqualTo(1);
        assertThat(alert.getSeverity()).isEqualTo(Severity.high);
        assertThat(alert.getScore()).isEqualTo(0.9);
        assertThat(alert.getWindowStart()).isEqualTo(T);
        assertThat(alert.getWindowEnd()).isEqualTo(T.plus(Duration.ofMinutes(5)));
        assertThat(alert.getPod()).isEqualTo("web-7d9f-a");
        assertThat(alert.getSourceIp()).isEqualTo("10.244.1.5");
        assertThat(alert.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(alert.getDestinationFqdn()).isEqualTo("xmr-eu1.nanopool.org");
        assertThat(alert.getDestinationPort()).isEqualTo(443);
        assertThat(alert.getMitreTechniques()).containsExactly("T1496");
        assertThat(alert.getMitreTactics()).containsExactly("Impact");
        assertThat(alert.getTitle()).isEqualTo("Cryptomining: shop/Deployment/web → nanopool.org");
        JsonNode e = evidence(alert);
        assertThat(e.get("poolDomain").asText()).isEqualTo("nanopool.org");
        assertThat(e.get("poolListEntrySource").asText()).startsWith("bundled: Nanopool");
        assertThat(e.get("components").get("poolDomain").asDouble()).isEqualTo(0.9);
        assertThat(e.get("pods").toString()).isEqualTo("[\"web-7d9f-a\",\"web-7d9f-b\"]");
        assertThat(e.get("eventCount").asLong()).isEqualTo(2);
        assertThat(e.get("firstEventTime").asText()).isEqualTo("2025-03-01T10:00:30.000Z");
        assertThat(e.get("lastEventTime").asText()).isEqualTo("2025-03-01T10:01:30.000Z");
        assertThat(e.get("resourceId").asText()).isEqualTo(FIREWALL);
        assertThat(e.get("kql").asText()).startsWith("AZFWApplicationRule | where TimeGenerated between")
                .contains("| where SourceIp in (\"10.244.1.5\", \"10.244.2.9\")")
                .contains("Fqdn endswith \".nanopool.org\"");
    }

    @Test
    void suffixMatchIsByLabelNotSubstring() {
        List<Alert> alerts = run(List.of(sni(web("web-1", "10.244.1.5"), T, "notnanopool.org", 40001),
                sni(web("web-1", "10.244.1.5"), T.plusSeconds(1), "nanopool.org.example.com", 40002)));
        assertThat(alerts).isEmpty();
    }

    @Test
    void stratumUrlAndThreatIntelAreStrongEvidence() throws Exception {
        EnrichedFlow stratum = web("web-1", "10.244.1.5").at(T).fqdn("mine.example.net").port(3333)
                .category("AZFWApplicationRule").extra("url", "stratum+tcp://mine.example.net:3333").build();
        EnrichedFlow threat = Flows.node("aks-nodepool1-2", "10.224.0.6").at(T.plusSeconds(5)).to("198.51.100.7", 443)
                .category("AZFWThreatIntel").kind(FlowKind.threat_intel).action(FlowAction.deny)
                .extra("threatDescription", "Known CoinMiner pool endpoint").build();
        List<Alert> alerts = run(List.of(stratum, threat));
        assertThat(alerts).hasSize(2);
        Alert byNode = alerts.stream().filter(a -> a.getAttribution() == Attribution.node).findFirst().orElseThrow();
        assertThat(byNode.getScore()).isEqualTo(0.8);
        assertThat(byNode.getNode()).isEqualTo("aks-nodepool1-2");
        assertThat(byNode.getDescription()).contains("threat intelligence names the destination as mining")
                .contains("The firewall denied every attempt");
        Alert byUrl = alerts.stream().filter(a -> a.getAttribution() == Attribution.pod).findFirst().orElseThrow();
        assertThat(byUrl.getScore()).isEqualTo(0.95);
        assertThat(evidence(byUrl).get("stratumUrls").get(0).asText()).isEqualTo("stratum+tcp://mine.example.net:3333");
    }

    @Test
    void longLivedLowRatePoolPortTrafficIsWeakEvidenceAndDnsLookupStrengthensIt() throws Exception {
        List<EnrichedFlow> plain = tuples(web("web-1", "10.244.1.5"), T, 20, "198.51.100.7", 3333, 6000);
        List<Alert> weak = run(plain);
        assertThat(weak).hasSize(1);
        assertThat(weak.get(0).getSeverity()).isEqualTo(Severity.low);
        assertThat(weak.get(0).getScore()).isEqualTo(0.45);
        assertThat(weak.get(0).getAlertId()).isEqualTo(AlertId.of(CryptominingDetector.ID, "aks-prod",
                "shop/Deployment/web->198.51.100.7", T.plus(Duration.ofMinutes(10))));
        JsonNode activity = evidence(weak.get(0)).get("poolPortActivities").get(0);
        assertThat(activity.get("destination").asText()).isEqualTo("198.51.100.7:3333");
        assertThat(activity.get("durationSeconds").asLong()).isEqualTo(840);
        assertThat(activity.get("bytesPerSecond").asDouble()).isEqualTo(100.0);

        List<EnrichedFlow> corroborated = new ArrayList<>(plain);
        corroborated.add(coreDnsLookup(T.minusSeconds(20), "xmr.pool.minergate.com"));
        corroborated.sort(java.util.Comparator.comparing(f -> f.getFlow().getTime()));
        List<Alert> strong = run(corroborated);
        assertThat(strong).hasSize(1);
        assertThat(strong.get(0).getSeverity()).isEqualTo(Severity.medium);
        assertThat(strong.get(0).getScore()).isEqualTo(0.75);
        assertThat(strong.get(0).getNamespace()).isEqualTo("shop");
        JsonNode lookup = evidence(strong.get(0)).get("poolPortActivities").get(0).get("poolLookup");
        assertThat(lookup.get("name").asText()).isEqualTo("xmr.pool.minergate.com");
        assertThat(lookup.get("time").asText()).isEqualTo("2025-03-01T09:59:40.000Z");
    }

    @Test
    void shortOrBusyPoolPortTrafficIsNotEvidence() {
        assertThat(run(tuples(web("web-1", "10.244.1.5"), T, 5, "198.51.100.7", 3333, 600))).isEmpty();
        assertThat(run(tuples(web("web-1", "10.244.1.5"), T, 30, "198.51.100.7", 3333, 60_000_000))).isEmpty();
        assertThat(run(tuples(web("web-1", "10.244.1.5"), T, 30, "198.51.100.7", 5432, 600))).isEmpty();
    }

    @Test
    void coreDnsLookupsAloneNeverAlert() {
        List<EnrichedFlow> lookups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lookups.add(coreDnsLookup(T.plusSeconds(30L * i), "pool.supportxmr.com"));
        }
        assertThat(run(lookups)).isEmpty();
    }

    @Test
    void repeatsWithinTheCooldownReviseAtMostHourlyAndLaterOnesRaiseANewAlert() {
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int minute = 0; minute <= 120; minute += 5) {
            flows.add(sni(web("web-1", "10.244.1.5"), T.plus(Duration.ofMinutes(minute)).plusSeconds(1),
                    "pool.supportxmr.com", 40000 + minute));
        }
        Instant muchLater = T.plus(Duration.ofHours(12));
        flows.add(sni(web("web-1", "10.244.1.5"), muchLater, "pool.supportxmr.com", 50000));
        List<Alert> alerts = run(flows);
        assertThat(alerts).extracting(Alert::getRevision).containsExactly(1, 2, 3, 1);
        assertThat(alerts.subList(0, 3)).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getWindowEnd).containsExactly(T.plus(Duration.ofMinutes(5)),
                T.plus(Duration.ofMinutes(65)), T.plus(Duration.ofMinutes(125)), muchLater.plus(Duration.ofMinutes(5)));
        assertThat(alerts.get(3).getAlertId()).isNotEqualTo(alerts.get(0).getAlertId());
    }

    @Test
    void keyIsTheClusterAndOnlyForPossibleEvidence() {
        CryptominingDetector d = detector();
        assertThat(d.keyOf(sni(web("web-1", "10.244.1.5"), T, "pool.hashvault.pro", 1))).contains("aks-prod");
        assertThat(d.keyOf(sni(web("web-1", "10.244.1.5"), T, "api.github.com", 1))).isEmpty();
        assertThat(d.keyOf(coreDnsLookup(T, "www.example.com"))).isEmpty();
        assertThat(d.keyOf(coreDnsLookup(T, "gulf.moneroocean.stream"))).contains("aks-prod");
        assertThat(d.keyOf(web("web-1", "10.244.1.5").at(T).to("198.51.100.7", 14444).build())).contains("aks-prod");
        assertThat(d.keyOf(web("web-1", "10.244.1.5").at(T).to("198.51.100.7", 443).build())).isEmpty();
    }
}
