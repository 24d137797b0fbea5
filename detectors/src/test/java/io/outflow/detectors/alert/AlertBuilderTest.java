package io.outflow.detectors.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.DetectorId;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import io.outflow.schemas.ids.ContentId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertBuilderTest {
    private static final DetectorId ID = new DetectorId("cryptomining", "1.0");
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void alertIdIsTheContentIdOfTheDocumentedFields() {
        assertThat(AlertId.of(ID, "aks-prod", "shop/Deployment/web->nanopool.org", T))
                .isEqualTo(ContentId.of("cryptomining|1.0|aks-prod|shop/Deployment/web->nanopool.org|"
                        + T.toEpochMilli()));
    }

    @Test
    void buildsEveryContractField() {
        IdentitySnapshot identity = IdentitySnapshot.of(Flows.pod("shop", "Deployment", "web", "web-1",
                "10.244.1.5").at(T).build());
        Alert alert = new AlertBuilder(ID, new AlertContext("a1b2c3d4e5f6", "0.1.0", Mode.replay))
                .identity(identity).entity("shop/Deployment/web->nanopool.org")
                .revision(new OpenAlert(T, T.plusSeconds(60), 2)).severity(Severity.high).score(1.7)
                .title("t").description("d").destination("203.0.113.9", "xmr-eu1.nanopool.org", 14433, "TCP")
                .evidence(Evidence.create().put("matches", 3)).techniques(MitreTechnique.T1496).build();
        assertThat(alert.getAlertId()).isEqualTo(AlertId.of(ID, "aks-prod", "shop/Deployment/web->nanopool.org", T));
        assertThat(alert.getRevision()).isEqualTo(2);
        assertThat(alert.getDetector()).isEqualTo("cryptomining");
        assertThat(alert.getDetectorVersion()).isEqualTo("1.0");
        assertThat(alert.getScore()).isEqualTo(1.0);
        assertThat(alert.getCluster()).isEqualTo("aks-prod");
        assertThat(alert.getNamespace()).isEqualTo("shop");
        assertThat(alert.getWorkload()).isEqualTo("web");
        assertThat(alert.getWorkloadKind()).isEqualTo("Deployment");
        assertThat(alert.getPod()).isEqualTo("web-1");
        assertThat(alert.getNode()).isEqualTo("aks-nodepool1-0");
        assertThat(alert.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(alert.getSourceIp()).isEqualTo("10.244.1.5");
        assertThat(alert.getDestinationIp()).isEqualTo("203.0.113.9");
        assertThat(alert.getDestinationFqdn()).isEqualTo("xmr-eu1.nanopool.org");
        assertThat(alert.getDestinationPort()).isEqualTo(14433);
        assertThat(alert.getProtocol()).isEqualTo("TCP");
        assertThat(alert.getWindowStart()).isEqualTo(T);
        assertThat(alert.getWindowEnd()).isEqualTo(T.plusSeconds(60));
        assertThat(alert.getEvidence()).isEqualTo("{\"matches\":3}");
        assertThat(alert.getMitreTactics()).containsExactly("Impact");
        assertThat(alert.getMitreTechniques()).containsExactly("T1496");
        assertThat(alert.getConfigVersion()).isEqualTo("a1b2c3d4e5f6");
        assertThat(alert.getOutflowVersion()).isEqualTo("0.1.0");
        assertThat(alert.getMode()).isEqualTo(Mode.replay);
    }

    @Test
    void repeatWithinCooldownRevisesAndLaterOneOpensANewAlert() {
        Duration cooldown = Duration.ofMinutes(30);
        OpenAlert first = OpenAlert.next(null, T, T.plusSeconds(60), cooldown);
        assertThat(first).isEqualTo(new OpenAlert(T, T.plusSeconds(60), 1));
        OpenAlert revised = OpenAlert.next(first, T.plus(Duration.ofMinutes(31)), T.plus(Duration.ofMinutes(32)),
                cooldown);
        assertThat(revised).isEqualTo(new OpenAlert(T, T.plus(Duration.ofMinutes(32)), 2));
        Instant later = T.plus(Duration.ofMinutes(62)).plusMillis(1);
        OpenAlert fresh = OpenAlert.next(revised, later, later.plusSeconds(5), cooldown);
        assertThat(fresh).isEqualTo(new OpenAlert(later, later.plusSeconds(5), 1));
    }

    @Test
    void openAlertsExpireAfterTheirCooldown() {
        OpenAlerts open = new OpenAlerts();
        Duration cooldown = Duration.ofMinutes(10);
        open.record("a", T, T.plusSeconds(60), cooldown);
        open.record("b", T, T.plusSeconds(600), cooldown);
        assertThat(open.nextExpiry(cooldown)).contains(T.plusSeconds(660));
        open.expire(T.plusSeconds(661), cooldown);
        assertThat(open.get("a")).isEmpty();
        assertThat(open.get("b")).isPresent();
    }

    @Test
    void evidenceIsWrittenInOrderWithRoundedNumbersAndSortedSamples() {
        List<String> ids = new ArrayList<>();
        for (int i = 14; i >= 0; i--) {
            ids.add(String.format("%02x", i));
        }
        String json = Evidence.create().put("score", 0.1234567891).put("bytes", 12L).put("ok", true)
                .put("skipped", null).put("nested", Map.of("k", 1))
                .events(T, T.plusSeconds(1), 15, ids).resourceId("/fw").kql("AZFWNetworkRule").toJson();
        assertThat(json).isEqualTo("{\"score\":0.123457,\"bytes\":12,\"ok\":true,\"nested\":{\"k\":1},"
                + "\"firstEventTime\":\"2025-03-01T10:00:00.000Z\",\"lastEventTime\":\"2025-03-01T10:00:01.000Z\","
                + "\"eventCount\":15,\"sampleEventIds\":[\"00\",\"01\",\"02\",\"03\",\"04\",\"05\",\"06\",\"07\","
                + "\"08\",\"09\"],\"resourceId\":\"/fw\",\"kql\":\"AZFWNetworkRule\"}");
    }

    @Test
    void kqlQueriesTheTablesOfTheEvents() {
        String single = RawRowsQuery.create().categories(List.of("AZFWApplicationRule"))
                .sourceIps(List.of("10.244.1.5")).between(T, T.plusSeconds(60)).destinationFqdn("nanopool.org")
                .destinationPort(443).build();
        assertThat(single).isEqualTo("AZFWApplicationRule | where TimeGenerated between "
                + "(datetime(2025-03-01T09:45:00.000Z) .. datetime(2025-03-01T10:16:00.000Z))"
                + " | where SourceIp == \"10.244.1.5\" | where Fqdn =~ \"nanopool.org\" or Fqdn endswith "
                + "\".nanopool.org\" | where DestinationPort == 443");
        String union = RawRowsQuery.create().categories(List.of("FlowLogFlowEvent", "AzureFirewallNetworkRule"))
                .sourceIps(List.of("10.244.1.5", "10.244.2.7")).between(T, T).destinationIp("203.0.113.9")
                .destinationPort(3333).build();
        assertThat(union).startsWith("union isfuzzy=true (AzureDiagnostics | where TimeGenerated between")
                .contains("| where Category in (\"AzureFirewallNetworkRule\")")
                .contains("| where msg_s has_any (\"10.244.1.5\", \"10.244.2.7\")")
                .contains("(NTANetAnalytics | where TimeGenerated between")
                .contains("| where SrcIp in (\"10.244.1.5\", \"10.244.2.7\") | where DestIp == \"203.0.113.9\""
                        + " | where DestPort == 3333)");
    }

    @Test
    void identityOfTheEarliestFlowWins() {
        IdentitySnapshot late = IdentitySnapshot.of(Flows.pod("shop", "Deployment", "web", "web-2", "10.244.2.7")
                .at(T.plusSeconds(1)).build());
        IdentitySnapshot early = IdentitySnapshot.of(Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5")
                .at(T).build());
        assertThat(IdentitySnapshot.earliest(late, early)).isSameAs(early);
        assertThat(IdentitySnapshot.earliest(early, late)).isSameAs(early);
        assertThat(IdentitySnapshot.earliest(null, late)).isSameAs(late);
    }
}
