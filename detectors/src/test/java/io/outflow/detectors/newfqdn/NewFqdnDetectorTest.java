package io.outflow.detectors.newfqdn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.AlertId;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewFqdnDetectorTest {
    static final Instant T = Instant.parse("2025-03-01T00:00:00Z");
    static final AlertContext CONTEXT = new AlertContext("0123456789ab", "0.1.0", Mode.live);
    /** Defaults but a one-day learning period and a ten-day memory, so the scenarios stay short. */
    static final NewFqdnSettings SHORT = new NewFqdnSettings(true, Duration.ofMinutes(5), Duration.ofDays(1),
            Duration.ofDays(10), 4096, Duration.ofHours(24), true, 0.5, 0.4, 0.7, 10);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Flows web(String pod, String ip) {
        return Flows.pod("shop", "Deployment", "web", pod, ip);
    }

    static EnrichedFlow visit(Flows from, Instant at, String fqdn) {
        return from.at(at).fqdn(fqdn).port(443).category("AZFWApplicationRule").build();
    }

    /** A daily habit: api.stripe.com every hour from T for {@code days}. */
    static List<EnrichedFlow> habit(Flows from, int days) {
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int hour = 0; hour < 24 * days; hour++) {
            flows.add(visit(from, T.plus(Duration.ofHours(hour)), "api.stripe.com"));
        }
        return flows;
    }

    static List<Alert> run(NewFqdnSettings settings, List<EnrichedFlow> flows) {
        List<EnrichedFlow> sorted = new ArrayList<>(flows);
        sorted.sort(Comparator.comparing(f -> f.getFlow().getTime()));
        return LocalRunner.run(List.of(new NewFqdnDetector(settings, CONTEXT)), Duration.ofMinutes(10), sorted);
    }

    @Test
    void establishedWorkloadContactingANewDomainRaisesOneAlertForTheRegisteredDomain() throws Exception {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 3);
        Instant first = T.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(7));
        flows.add(visit(web("web-b", "10.244.2.9"), first, "x7f3.cdn.example.net"));
        flows.add(visit(web("web-a", "10.244.1.5"), first.plusSeconds(40), "a91c.cdn.example.net"));
        flows.add(visit(web("web-a", "10.244.1.5"), first.plus(Duration.ofHours(3)), "b000.cdn.example.net"));
        List<Alert> alerts = run(SHORT, flows);
        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        Instant windowStart = T.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5));
        assertThat(alert.getAlertId()).isEqualTo(AlertId.of(NewFqdnDetector.ID, "aks-prod",
                "shop/Deployment/web->example.net", windowStart));
        assertThat(alert.getWindowStart()).isEqualTo(windowStart);
        assertThat(alert.getWindowEnd()).isEqualTo(windowStart.plus(Duration.ofMinutes(5)));
        assertThat(alert.getSeverity()).isEqualTo(Severity.low);
        assertThat(alert.getScore()).isEqualTo(0.5);
        assertThat(alert.getPod()).isEqualTo("web-b");
        assertThat(alert.getDestinationFqdn()).isEqualTo("a91c.cdn.example.net");
        assertThat(alert.getMitreTechniques()).containsExactly("T1071", "T1568");
        assertThat(alert.getMitreTactics()).containsExactly("CommandAndControl");
        assertThat(alert.getTitle()).isEqualTo("New domain for shop/Deployment/web: example.net");
        assertThat(alert.getDescription()).isEqualTo("shop/Deployment/web contacted example.net for the first time "
                + "(a91c.cdn.example.net, x7f3.cdn.example.net) after 2 days of observed traffic and 1 known domain "
                + "(a domain not contacted for 10 days is forgotten).");
        JsonNode e = JSON.readTree(alert.getEvidence());
        assertThat(e.get("registeredDomain").asText()).isEqualTo("example.net");
        assertThat(e.get("firstContact").asText()).isEqualTo("2025-03-03T00:07:00.000Z");
        assertThat(e.get("workloadFirstSeen").asText()).isEqualTo("2025-03-01T00:00:00.000Z");
        assertThat(e.get("knownDomains").asInt()).isEqualTo(1);
        assertThat(e.get("contactsInWindow").asInt()).isEqualTo(2);
        assertThat(e.get("pods").toString()).isEqualTo("[\"web-a\",\"web-b\"]");
        assertThat(e.get("kql").asText()).contains("Fqdn endswith \".example.net\"");
    }

    @Test
    void newWorkloadsLearnAndNeverAlertDuringTheLearningPeriod() {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 1);
        flows.add(visit(web("web-a", "10.244.1.5"), T.plus(Duration.ofHours(23)), "new.example.org"));
        assertThat(run(SHORT, flows)).isEmpty();
    }

    @Test
    void aReplicaContactingWhatAnotherReplicaLearnedIsNotNew() {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 3);
        flows.add(visit(web("web-z", "10.244.7.7"), T.plus(Duration.ofDays(2)), "api.stripe.com"));
        assertThat(run(SHORT, flows)).isEmpty();
    }

    @Test
    void aDomainForgottenAfterTheTtlIsNewAgain() throws Exception {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 14);
        flows.add(visit(web("web-a", "10.244.1.5"), T.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1)), "rare.example.org"));
        flows.add(visit(web("web-a", "10.244.1.5"), T.plus(Duration.ofDays(12)), "rare.example.org"));
        List<Alert> alerts = run(SHORT, flows);
        assertThat(alerts).extracting(Alert::getWindowStart).containsExactly(T.plus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(12)));
        assertThat(alerts.get(0).getAlertId()).isNotEqualTo(alerts.get(1).getAlertId());
        assertThat(JSON.readTree(alerts.get(1).getEvidence()).get("knownDomains").asInt()).isEqualTo(1);
    }

    @Test
    void aWorkloadSilentForLongerThanTheTtlLearnsAgain() {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 2);
        Instant back = T.plus(Duration.ofDays(20));
        flows.add(visit(web("web-a", "10.244.1.5"), back, "api.stripe.com"));
        flows.add(visit(web("web-a", "10.244.1.5"), back.plus(Duration.ofHours(2)), "new.example.org"));
        assertThat(run(SHORT, flows)).isEmpty();
    }

    @Test
    void deniedContactsScoreLowerOrAreIgnored() {
        List<EnrichedFlow> flows = habit(web("web-a", "10.244.1.5"), 3);
        flows.add(web("web-a", "10.244.1.5").at(T.plus(Duration.ofDays(2))).fqdn("blocked.example.org").port(443)
                .category("AZFWApplicationRule").action(FlowAction.deny).build());
        List<Alert> alerts = run(SHORT, flows);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getScore()).isEqualTo(0.4);
        assertThat(alerts.get(0).getDescription()).endsWith("; the firewall denied it.");
        NewFqdnSettings ignoreDenied = new NewFqdnSettings(true, Duration.ofMinutes(5), Duration.ofDays(1),
                Duration.ofDays(10), 4096, Duration.ofHours(24), false, 0.5, 0.4, 0.7, 10);
        assertThat(run(ignoreDenied, flows)).isEmpty();
    }

    @Test
    void nodeAndUnattributedTrafficAreDetectedPerNodeAndPerAddress() {
        NewFqdnDetector d = new NewFqdnDetector(SHORT, CONTEXT);
        assertThat(d.keyOf(visit(Flows.node("aks-nodepool1-0", "10.224.0.4"), T, "x.example.com")))
                .contains("aks-prod|node/aks-nodepool1-0");
        assertThat(d.keyOf(visit(Flows.unknown("10.224.9.9", "expired"), T, "x.example.com")))
                .contains("aks-prod|ip/10.224.9.9");
        assertThat(d.keyOf(web("web-a", "10.244.1.5").at(T).fqdn("x.example.com").kind(FlowKind.dns_query).build()))
                .isEmpty();
    }

    @Test
    void stateStaysBoundedByTheDomainCap() {
        NewFqdnSettings small = new NewFqdnSettings(true, Duration.ofMinutes(5), Duration.ofDays(1),
                Duration.ofDays(10), 16, Duration.ofHours(24), true, 0.5, 0.4, 0.7, 10);
        NewFqdnDetector d = new NewFqdnDetector(small, CONTEXT);
        NewFqdnState s = null;
        for (int i = 0; i < 100; i++) {
            s = d.absorb(s, RegisteredDomains.fill(visit(web("web-a", "10.244.1.5"), T.plusSeconds(i),
                    "host.domain" + i + ".com")));
        }
        s = d.advance(s, T.plus(Duration.ofHours(1))).state();
        assertThat(s.domains).hasSize(16);
        assertThat(s.windows).isEmpty();
    }
}
