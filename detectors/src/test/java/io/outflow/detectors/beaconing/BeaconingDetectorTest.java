package io.outflow.detectors.beaconing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.detectors.scenario.TestFlows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.Mode;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BeaconingDetectorTest {
    static final AlertContext CONTEXT = new AlertContext("cfg000000000", "test", Mode.replay);
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    private final BeaconingDetector detector = new BeaconingDetector(BeaconingSettings.DEFAULT, CONTEXT);

    /** Check-ins of one pod every {@code period} ± {@code jitter}, each seen by the firewall and the flow log. */
    static List<EnrichedFlow> beacon(WorkloadIdentity who, String sourceIp, Instant from, Duration length,
                                     long periodSeconds, double jitter, Random random) {
        List<EnrichedFlow> out = new ArrayList<>();
        double t = from.toEpochMilli();
        while (t < from.plus(length).toEpochMilli()) {
            out.addAll(TestFlows.connection(who, sourceIp, 30000 + random.nextInt(30000), "cdn.c2-example.net",
                    "c2-example.net", "45.1.2.3", 443, Instant.ofEpochMilli((long) t), 700 + random.nextInt(20)));
            t += periodSeconds * 1000 * (1 + jitter * (2 * random.nextDouble() - 1));
        }
        return out;
    }

    static List<EnrichedFlow> random(WorkloadIdentity who, String sourceIp, Instant from, Duration length,
                                     double meanSeconds, Random random) {
        List<EnrichedFlow> out = new ArrayList<>();
        double t = from.toEpochMilli();
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * meanSeconds * 1000;
            if (t >= from.plus(length).toEpochMilli()) {
                return out;
            }
            out.addAll(TestFlows.connection(who, sourceIp, 30000 + random.nextInt(30000), "api.partner.io",
                    "partner.io", "52.1.1.1", 443, Instant.ofEpochMilli((long) t), (long) (500 + random.nextDouble()
                            * 50_000)));
        }
    }

    static List<EnrichedFlow> sorted(List<EnrichedFlow> flows) {
        List<EnrichedFlow> copy = new ArrayList<>(flows);
        copy.sort((a, b) -> a.getFlow().getTime().compareTo(b.getFlow().getTime()));
        return copy;
    }

    private List<Alert> run(List<EnrichedFlow> flows) {
        return LocalRunner.run(List.of(detector), Duration.ofMinutes(10), sorted(flows));
    }

    @Test
    void alertsWhenIntervalsAreRegularDespiteThirtyPercentJitter() throws Exception {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        List<Alert> alerts = run(beacon(pod, "10.244.0.5", T0, Duration.ofHours(8), 60, 0.3, new Random(1)));
        assertThat(alerts).isNotEmpty();
        Alert alert = alerts.get(0);
        assertThat(alert.getDetector()).isEqualTo("beaconing");
        assertThat(alert.getDestinationFqdn()).isEqualTo("cdn.c2-example.net");
        assertThat(alert.getDestinationIp()).isEqualTo("45.1.2.3");
        assertThat(alert.getPod()).isEqualTo("web-1");
        assertThat(alert.getMitreTechniques()).containsExactly("T1071", "T1573");
        assertThat(alert.getMitreTactics()).containsExactly("CommandAndControl");
        JsonNode evidence = JSON.readTree(alert.getEvidence());
        assertThat(evidence.get("destination").asText()).isEqualTo("c2-example.net");
        assertThat(evidence.get("periodSeconds").asDouble()).isBetween(50.0, 70.0);
        for (String field : List.of("timing", "dataSize", "histogram", "duration", "weights", "thresholds", "kql",
                "sampleEventIds", "resourceId")) {
            assertThat(evidence.has(field)).as(field).isTrue();
        }
        assertThat(evidence.get("timing").get("merged").get("madScore").asDouble()).isGreaterThan(0.7);
        assertThat(evidence.get("timing").get("periodicity").has("successors")).isTrue();
        // the alert's entity (and so its ID) is per destination; later revisions keep the ID
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alert.getAlertId());
    }

    @Test
    void aConnectionSeenByTheFirewallAndTheFlowLogCountsOnce() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        List<EnrichedFlow> flows = sorted(beacon(pod, "10.244.0.5", T0, Duration.ofHours(2), 60, 0.0, new Random(2)));
        BeaconingState state = null;
        for (EnrichedFlow f : flows) {
            state = detector.absorb(state, f);
        }
        state = detector.advance(state, T0.plus(Duration.ofHours(3))).state();
        assertThat(flows).hasSize(3 * 120);
        assertThat(state.connections()).isEqualTo(120);
        assertThat(state.destinations()).isEqualTo(1);
    }

    @Test
    void replicasBeaconingOnTheirOwnClocksAddEvidenceInsteadOfSplittingIt() throws Exception {
        Random random = new Random(3);
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-" + r);
            flows.addAll(beacon(pod, "10.244.0." + (10 + r), T0.plusSeconds(r * 97L), Duration.ofHours(12), 300, 0.2,
                    random));
        }
        List<Alert> alerts = run(flows);
        assertThat(alerts).isNotEmpty();
        JsonNode evidence = JSON.readTree(alerts.get(0).getEvidence());
        assertThat(evidence.get("sources").asInt()).isEqualTo(3);
        assertThat(evidence.get("timing").get("from").asText()).isEqualTo("perSource");
    }

    @Test
    void randomTrafficDoesNotAlert() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        assertThat(run(random(pod, "10.244.0.5", T0, Duration.ofDays(2), 120, new Random(4)))).isEmpty();
    }

    @Test
    void aShortBurstOfRegularRetriesIsNotABeacon() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        // 15 retries 10 s apart: regular, but fewer than minConnections
        assertThat(run(beacon(pod, "10.244.0.5", T0, Duration.ofSeconds(150), 10, 0.0, new Random(5)))).isEmpty();
    }

    @Test
    void parallelStreamsOfAnOfficeHoursUploadAreOneCheckInAndTooFewToScore() {
        WorkloadIdentity pod = TestFlows.pod("analytics", "export", "export-1");
        Random random = new Random(10);
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            for (int hour = 8; hour < 18; hour++) {
                Instant at = T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)).plusSeconds(300
                        + random.nextInt(240));
                for (int stream = 0; stream < 3; stream++) { // three streams 1.5 s apart: one check-in
                    flows.addAll(TestFlows.connection(pod, "10.244.3.3", 30000 + random.nextInt(30000),
                            "upload.reports.example.com", "example.com", "20.8.8.8", 443, at.plusMillis(1500L * stream),
                            50_000_000));
                }
            }
        }
        // 30 connections a day, but 10 check-ins: under minConnections, and never scored as 3-second beacons
        assertThat(run(flows)).isEmpty();
    }

    @Test
    void privateInboundAndInClusterDestinationsAreNotItsBusiness() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        EnrichedFlow internal = TestFlows.tuple(pod, "10.244.0.5", 1, "10.0.12.4", 5432, T0,
                io.outflow.schemas.FlowState.begin, 0);
        EnrichedFlow internalV6 = TestFlows.tuple(pod, "10.244.0.5", 1, "fd12:3456::4", 5432, T0,
                io.outflow.schemas.FlowState.begin, 0);
        EnrichedFlow inbound = TestFlows.tuple(pod, "10.244.0.5", 1, "45.1.2.3", 443, T0,
                io.outflow.schemas.FlowState.begin, 0);
        inbound.getFlow().setDirection(Direction.inbound);
        EnrichedFlow toPod = TestFlows.tuple(pod, "10.244.0.5", 1, "45.1.2.3", 443, T0,
                io.outflow.schemas.FlowState.begin, 0);
        toPod.setDestination(TestFlows.pod("db", "pg", "pg-0"));
        EnrichedFlow external = TestFlows.tuple(pod, "10.244.0.5", 1, "45.1.2.3", 443, T0,
                io.outflow.schemas.FlowState.begin, 0);
        assertThat(detector.keyOf(internal)).isEmpty();
        assertThat(detector.keyOf(internalV6)).isEmpty();
        assertThat(detector.keyOf(inbound)).isEmpty();
        assertThat(detector.keyOf(toPod)).isEmpty();
        assertThat(detector.keyOf(external)).contains("test|shop/Deployment/web");
    }

    @Test
    void aNodeAttributedBeaconIsDetectedForTheNode() {
        List<Alert> alerts = run(beacon(TestFlows.node("aks-pool-0"), "10.224.0.4", T0, Duration.ofHours(8), 120,
                0.2, new Random(6)));
        assertThat(alerts).isNotEmpty();
        assertThat(alerts.get(0).getNode()).isEqualTo("aks-pool-0");
        assertThat(alerts.get(0).getWorkload()).isNull();
    }

    @Test
    void revisionsComeAtMostEveryRevisionInterval() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        List<Alert> alerts = run(beacon(pod, "10.244.0.5", T0, Duration.ofHours(10), 30, 0.1, new Random(7)));
        assertThat(alerts).hasSizeGreaterThan(2);
        for (int i = 1; i < alerts.size(); i++) {
            assertThat(alerts.get(i).getRevision()).isEqualTo(alerts.get(i - 1).getRevision() + 1);
            assertThat(Duration.between(alerts.get(i - 1).getWindowEnd(), alerts.get(i).getWindowEnd()))
                    .isGreaterThanOrEqualTo(BeaconingSettings.DEFAULT.revisionInterval());
        }
    }

    @Test
    void anIdleKeyIsForgottenAfterTheWindowAndCooldown() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        BeaconingState state = null;
        for (EnrichedFlow f : sorted(beacon(pod, "10.244.0.5", T0, Duration.ofHours(4), 60, 0.1, new Random(8)))) {
            state = detector.absorb(state, f);
        }
        var outcome = detector.advance(state, T0.plus(Duration.ofHours(5)));
        assertThat(outcome.alerts()).isNotEmpty();
        assertThat(outcome.state()).isNotNull();
        assertThat(detector.advance(outcome.state(), T0.plus(Duration.ofDays(3))).state()).isNull();
    }

    @Test
    void stateSurvivesItsCodecByteForByte() {
        WorkloadIdentity pod = TestFlows.pod("shop", "web", "web-1");
        BeaconingState state = null;
        List<EnrichedFlow> flows = sorted(beacon(pod, "10.244.0.5", T0, Duration.ofHours(6), 60, 0.2,
                new Random(9)));
        for (EnrichedFlow f : flows) {
            state = detector.absorb(state, f);
        }
        state = detector.advance(state, T0.plus(Duration.ofHours(5))).state();
        byte[] once = detector.stateCodec().encode(state);
        BeaconingState back = detector.stateCodec().decode(once);
        assertThat(detector.stateCodec().encode(back)).isEqualTo(once);
        assertThat(back.keptTimes()).isEqualTo(state.keptTimes());
        // the decoded state goes on exactly like the original
        var a = detector.advance(state, T0.plus(Duration.ofHours(7)));
        var b = detector.advance(back, T0.plus(Duration.ofHours(7)));
        assertThat(a.alerts()).isEqualTo(b.alerts());
        assertThat(detector.stateCodec().encode(b.state())).isEqualTo(detector.stateCodec().encode(a.state()));
    }
}
