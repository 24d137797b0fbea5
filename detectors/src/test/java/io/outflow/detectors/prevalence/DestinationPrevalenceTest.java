package io.outflow.detectors.prevalence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DestinationPrevalenceTest {
    static final Instant T = Instant.parse("2025-03-02T10:00:00Z");
    static final PrevalenceSettings SETTINGS = new PrevalenceSettings(true, Duration.ofHours(24), 3, Severity.low,
            0.5, List.of("beaconing", "new_fqdn"), 5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DestinationPrevalence stage = new DestinationPrevalence(SETTINGS);

    static Flows workload(String name) {
        return Flows.pod("shop", "Deployment", name, name + "-7d9f-abc", "10.244.1." + (name.length() + 10));
    }

    static EnrichedFlow contact(Flows from, Instant at, String fqdn) {
        return RegisteredDomains.fill(from.at(at).fqdn(fqdn).port(443).category("AZFWApplicationRule").build());
    }

    /** A beaconing alert from shop/Deployment/{@code workload} to {@code fqdn} whose window ends at {@code end}. */
    static Alert alert(String workload, String fqdn, Instant end, Severity severity, double score) {
        return Alert.newBuilder()
                .setAlertId("a-" + workload + "-" + end.toEpochMilli()).setRevision(1)
                .setDetector("beaconing").setDetectorVersion("1").setSeverity(severity).setScore(score)
                .setTitle("Beaconing").setDescription("Regular check-ins.")
                .setCluster("aks-prod").setNamespace("shop").setWorkload(workload).setWorkloadKind("Deployment")
                .setPod(workload + "-7d9f-abc").setAttribution(Attribution.pod).setSourceIp("10.244.1.9")
                .setDestinationFqdn(fqdn).setDestinationPort(443).setProtocol("TCP")
                .setWindowStart(end.minus(Duration.ofHours(24))).setWindowEnd(end)
                .setEvidence("{\"score\":" + score + ",\"destination\":\"x\"}")
                .setConfigVersion("0123456789ab").setOutflowVersion("test").setMode(Mode.replay)
                .build();
    }

    private PrevalenceState absorbAll(List<EnrichedFlow> flows) {
        PrevalenceState state = null;
        for (EnrichedFlow flow : flows) {
            Contact contact = stage.contactOf(flow).orElseThrow();
            assertThat(contact.key()).isEqualTo("aks-prod|example.net");
            assertThat(contact.hour()).isEqualTo(Math.floorDiv(flow.getFlow().getTime().toEpochMilli(), 3_600_000L));
            state = stage.absorb(state, contact);
        }
        return state;
    }

    private Alert judged(PrevalenceState state, Alert alert) {
        assertThat(stage.keyOf(alert)).contains("aks-prod|example.net");
        Outcome<PrevalenceState> outcome = stage.advance(stage.hold(state, alert), alert.getWindowEnd());
        assertThat(outcome.alerts()).hasSize(1);
        return outcome.alerts().get(0);
    }

    @Test
    void countsOtherSourcesInTheWholeHoursBeforeTheAlertsHour() throws Exception {
        PrevalenceState state = absorbAll(List.of(
                contact(workload("a"), T.minus(Duration.ofHours(23)), "x1.cdn.example.net"),
                contact(workload("b"), T.minusSeconds(1), "api.example.net"),
                contact(workload("c"), T.minus(Duration.ofHours(24)).minusSeconds(1), "api.example.net"), // too old
                contact(workload("d"), T.plus(Duration.ofMinutes(5)), "api.example.net"), // the alert's own hour
                contact(workload("web"), T.minus(Duration.ofHours(2)), "api.example.net"))); // the alert's source
        Alert out = judged(state, alert("web", "api.example.net", T.plus(Duration.ofMinutes(15)), Severity.high,
                0.93));
        JsonNode prevalence = JSON.readTree(out.getEvidence()).get("prevalence");
        assertThat(prevalence.get("otherSources").asInt()).isEqualTo(2);
        assertThat(prevalence.get("sampleSources")).extracting(JsonNode::asText)
                .containsExactly("shop/Deployment/a", "shop/Deployment/b");
        assertThat(prevalence.get("window").get("start").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(prevalence.get("window").get("end").asText()).isEqualTo("2025-03-02T10:00:00.000Z");
        assertThat(prevalence.get("common").asBoolean()).isFalse();
        assertThat(prevalence.has("damping")).isFalse();
        assertThat(out.getSeverity()).isEqualTo(Severity.high);
        assertThat(out.getScore()).isEqualTo(0.93);
        assertThat(out.getDescription()).isEqualTo("Regular check-ins.");
        assertThat(JSON.readTree(out.getEvidence()).get("destination").asText()).isEqualTo("x");
    }

    @Test
    void anAlertAboutACommonDestinationIsDampedNotHidden() throws Exception {
        PrevalenceState state = absorbAll(List.of(
                contact(workload("a"), T.minus(Duration.ofHours(3)), "api.example.net"),
                contact(workload("b"), T.minus(Duration.ofHours(2)), "api.example.net"),
                contact(workload("c"), T.minus(Duration.ofHours(1)), "api.example.net")));
        Alert in = alert("web", "api.example.net", T.plus(Duration.ofMinutes(15)), Severity.high, 0.93);
        Alert out = judged(state, in);
        assertThat(out.getAlertId()).isEqualTo(in.getAlertId());
        assertThat(out.getSeverity()).isEqualTo(Severity.low);
        assertThat(out.getScore()).isEqualTo(0.465);
        assertThat(out.getDescription()).isEqualTo("Regular check-ins. Damped to low: 3 other sources of the cluster "
                + "contacted example.net in the 24 hours before (common from 3), which is what a shared service looks "
                + "like.");
        JsonNode prevalence = JSON.readTree(out.getEvidence()).get("prevalence");
        assertThat(prevalence.get("common").asBoolean()).isTrue();
        assertThat(prevalence.get("damping").get("scoreBefore").asDouble()).isEqualTo(0.93);
        assertThat(prevalence.get("damping").get("severityBefore").asText()).isEqualTo("high");
        assertThat(prevalence.get("damping").get("commonSeverity").asText()).isEqualTo("low");
    }

    @Test
    void dampingCapsTheSeverityAndNeverRaisesIt() {
        assertThat(SETTINGS.damp(Severity.high)).isEqualTo(Severity.low);
        assertThat(SETTINGS.damp(Severity.low)).isEqualTo(Severity.low);
        assertThat(SETTINGS.damp(Severity.informational)).isEqualTo(Severity.informational);
        assertThat(PrevalenceSettings.DEFAULT.damp(Severity.medium)).isEqualTo(Severity.informational);
    }

    @Test
    void holdsAnAlertUntilTheWatermarkReachesTheStartOfItsHour() {
        PrevalenceState state = stage.hold(null, alert("web", "api.example.net", T.plus(Duration.ofMinutes(15)),
                Severity.medium, 0.88));
        assertThat(stage.nextDeadline(state)).contains(T);
        Outcome<PrevalenceState> early = stage.advance(state, T.minusMillis(1));
        assertThat(early.alerts()).isEmpty();
        Outcome<PrevalenceState> due = stage.advance(early.state(), T);
        assertThat(due.alerts()).hasSize(1);
        assertThat(due.state()).as("nothing left to remember").isNull();
    }

    @Test
    void forgetsHoursOnceTheyCanNoLongerCount() {
        PrevalenceState state = absorbAll(List.of(contact(workload("a"), T, "api.example.net")));
        Instant forgetAt = stage.nextDeadline(state).orElseThrow();
        assertThat(forgetAt).isEqualTo(T.plus(Duration.ofHours(24 + DestinationPrevalence.SLACK_HOURS + 1)));
        Outcome<PrevalenceState> before = stage.advance(state, forgetAt.minusMillis(1));
        assertThat(before.state()).isNotNull();
        assertThat(before.state().sourceCount()).isEqualTo(1);
        assertThat(stage.advance(before.state(), forgetAt).state()).isNull();
    }

    @Test
    void keepsTheHoursAHeldAlertStillNeeds() {
        PrevalenceState state = absorbAll(List.of(contact(workload("a"), T.minus(Duration.ofHours(20)),
                "api.example.net")));
        state = stage.hold(state, alert("web", "api.example.net", T.plus(Duration.ofMinutes(15)), Severity.high,
                0.9));
        // the watermark is far ahead (an engine's input jumped), yet the held alert still sees source a
        Outcome<PrevalenceState> outcome = stage.advance(state, T.plus(Duration.ofDays(3)));
        assertThat(outcome.alerts().get(0).getEvidence()).contains("\"otherSources\":1");
    }

    @Test
    void flowsThatAreNoContactAndAlertsItDoesNotJudgeHaveNoKey() {
        EnrichedFlow dns = workload("a").at(T).fqdn("api.example.net").kind(FlowKind.dns_query).build();
        EnrichedFlow inbound = EnrichedFlow.newBuilder(contact(workload("a"), T, "api.example.net"))
                .setFlow(EnrichedFlow.newBuilder(contact(workload("a"), T, "api.example.net")).getFlow())
                .build();
        inbound.getFlow().setDirection(Direction.inbound);
        EnrichedFlow toPod = EnrichedFlow.newBuilder(workload("a").at(T).to("10.244.7.7", 8080).build())
                .setDestination(WorkloadIdentity.newBuilder().setAttribution(Attribution.pod).setCluster("aks-prod")
                        .build())
                .build();
        assertThat(stage.keyOf(dns)).isEmpty();
        assertThat(stage.keyOf(inbound)).isEmpty();
        assertThat(stage.keyOf(toPod)).isEmpty();
        assertThat(stage.keyOf(workload("a").at(T).to("203.0.113.9", 443).build())).contains("aks-prod|203.0.113.9");

        Alert crypto = Alert.newBuilder(alert("web", "pool.example.net", T, Severity.high, 0.9))
                .setDetector("cryptomining").build();
        assertThat(stage.keyOf(crypto)).isEmpty();
        assertThat(new DestinationPrevalence(new PrevalenceSettings(false, Duration.ofHours(24), 3, Severity.low,
                0.5, List.of("beaconing"), 5)).keyOf(alert("web", "api.example.net", T, Severity.high, 0.9))).isEmpty();
    }

    @Test
    void stateRoundTripsThroughItsCodecWithHeldAlerts() {
        PrevalenceState state = absorbAll(List.of(
                contact(workload("a"), T.minus(Duration.ofHours(3)), "api.example.net"),
                contact(workload("a"), T.minus(Duration.ofHours(5)), "api.example.net"),
                contact(workload("b"), T.minus(Duration.ofHours(2)), "api.example.net")));
        state = stage.hold(state, alert("web", "api.example.net", T.plus(Duration.ofMinutes(15)), Severity.high,
                0.9));
        byte[] bytes = stage.stateCodec().encode(state);
        PrevalenceState restored = stage.stateCodec().decode(bytes);
        assertThat(stage.stateCodec().encode(restored)).isEqualTo(bytes);
        assertThat(restored.sourceCount()).isEqualTo(2);
        assertThat(restored.heldCount()).isEqualTo(1);
        assertThat(stage.advance(restored, T).alerts()).isEqualTo(stage.advance(state, T).alerts());
    }
}
