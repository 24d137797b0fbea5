package io.outflow.detectors.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.detectors.scenario.TestFlows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowState;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandwidthSpikeDetectorTest {
    static final AlertContext CONTEXT = new AlertContext("cfg000000000", "test", Mode.replay);
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final WorkloadIdentity WEB = TestFlows.pod("shop", "web", "web-7d9f-abcde");
    static final long MB = 1_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    private final BandwidthSpikeDetector detector = new BandwidthSpikeDetector(BandwidthSpikeSettings.DEFAULT,
            CONTEXT);

    /** Every 5 minutes a C tuple of {@code bytes} from WEB, from {@code from} for {@code duration}. */
    static List<EnrichedFlow> steady(Instant from, Duration duration, long bytes) {
        List<EnrichedFlow> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(from.plus(duration)); t = t.plusSeconds(300)) {
            out.add(TestFlows.tuple(WEB, "10.244.0.7", 40000, "20.1.2.3", 443, t, FlowState.continuing, bytes));
        }
        return out;
    }

    static List<EnrichedFlow> burst(Instant at, String ip, long total, int tuples) {
        List<EnrichedFlow> out = new ArrayList<>();
        for (int i = 0; i < tuples; i++) {
            out.add(TestFlows.tuple(WEB, "10.244.0.7", 41000, ip, 443, at.plusSeconds(60L * i), FlowState.continuing,
                    total / tuples));
        }
        return out;
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
    void bytesCountOnlyFromContinuingAndEndTuplesOutbound() {
        EnrichedFlow begin = TestFlows.tuple(WEB, "10.244.0.7", 1, "20.1.2.3", 443, T0, FlowState.begin, 0);
        EnrichedFlow end = TestFlows.tuple(WEB, "10.244.0.7", 1, "20.1.2.3", 443, T0, FlowState.end, 500);
        EnrichedFlow firewall = TestFlows.firewall(WEB, "10.244.0.7", 1, "x.example.com", "example.com", 443, T0);
        firewall.getFlow().setBytesOut(10_000L);
        EnrichedFlow inbound = TestFlows.tuple(WEB, "10.244.0.7", 1, "20.1.2.3", 443, T0, FlowState.end, 500);
        inbound.getFlow().setDirection(io.outflow.schemas.Direction.inbound);
        assertThat(detector.keyOf(begin)).isEmpty();
        assertThat(detector.keyOf(end)).contains("test|shop/Deployment/web");
        assertThat(detector.keyOf(firewall)).isEmpty();
        assertThat(detector.keyOf(inbound)).isEmpty();
    }

    @Test
    void alertsOnABurstAfterWarmUpWithTopDestinationsInTheEvidence() throws Exception {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(3), 2 * MB));
        Instant at = T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(15)).plusSeconds(60);
        flows.addAll(burst(at, "89.1.1.1", 600 * MB, 10));
        flows.addAll(burst(at.plusSeconds(5), "20.9.9.9", 100 * MB, 2));
        List<Alert> alerts = run(flows);

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.getDetector()).isEqualTo("bandwidth_spike");
        assertThat(alert.getWorkload()).isEqualTo("web");
        assertThat(alert.getSeverity()).isEqualTo(Severity.high);
        assertThat(alert.getMitreTechniques()).containsExactly("T1048", "T1567");
        assertThat(alert.getMitreTactics()).containsExactly("Exfiltration");
        assertThat(alert.getDestinationIp()).isEqualTo("89.1.1.1");
        assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2026-03-04T15:00:00Z"));
        JsonNode evidence = JSON.readTree(alert.getEvidence());
        assertThat(evidence.get("bytesOut").asLong()).isEqualTo(700 * MB + 6 * MB);
        assertThat(evidence.get("topDestinations").get(0).get("destination").asText()).isEqualTo("89.1.1.1");
        assertThat(evidence.get("topDestinations").get(0).get("share").asDouble()).isBetween(0.84, 0.86);
        assertThat(evidence.get("topDestinations").get(1).get("destination").asText()).isEqualTo("20.9.9.9");
        assertThat(evidence.get("recent").get("medianBytes").asDouble()).isEqualTo(6.0 * MB);
        assertThat(evidence.get("thresholdBytes").asLong()).isEqualTo(100 * MB);
        assertThat(evidence.get("bindingBar").asText()).isEqualTo("floor");
        assertThat(evidence.has("kql")).isTrue();
        assertThat(evidence.get("sampleEventIds").size()).isPositive();
    }

    @Test
    void learnsDuringWarmUp() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(2), 2 * MB));
        flows.addAll(burst(T0.plus(Duration.ofHours(20)), "89.1.1.1", 600 * MB, 10));
        assertThat(run(flows)).isEmpty();
    }

    @Test
    void aNightlyJobIsRoutineOnceItHasBeenSeen() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(7), 2 * MB));
        // the key is warm from day 1; the job appears on day 3 at 02:00 and runs every night after
        for (int day = 3; day < 7; day++) {
            Instant at = T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(2)).plusSeconds(day * 40L);
            flows.addAll(burst(at, "20.60.41.100", (2_000 + 100 * day) * MB, 10));
        }
        List<Alert> alerts = run(flows);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).getWindowStart()).isEqualTo(Instant.parse("2026-03-05T02:00:00Z"));
    }

    @Test
    void aMuchLargerRunOfTheNightlyJobStillAlerts() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(6), 2 * MB));
        for (int day = 0; day < 6; day++) {
            long size = day == 5 ? 9_000 * MB : 1_000 * MB;
            flows.addAll(burst(T0.plus(Duration.ofDays(day)).plus(Duration.ofHours(2)), "20.60.41.100", size, 10));
        }
        List<Alert> alerts = run(flows);
        assertThat(alerts).extracting(Alert::getWindowStart).containsExactly(Instant.parse("2026-03-07T02:00:00Z"));
    }

    @Test
    void theDailyProfileFollowsTheConfiguredTimeZone() throws Exception {
        ConfigProblems problems = new ConfigProblems();
        BandwidthSpikeSettings kolkata = BandwidthSpikeSettings.read(
                ConfigDocument.parse("timeZone: Asia/Kolkata\n", "outflow.yaml"), problems);
        assertThat(problems.all()).isEmpty();
        BandwidthSpikeDetector local = new BandwidthSpikeDetector(kolkata, CONTEXT);
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(3), 2 * MB));
        flows.addAll(burst(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(15)), "89.1.1.1", 600 * MB, 10));
        List<Alert> alerts = LocalRunner.run(List.of(local), Duration.ofMinutes(10), sorted(flows));
        JsonNode seasonal = JSON.readTree(alerts.get(0).getEvidence()).get("seasonal");
        assertThat(seasonal.get("timeZone").asText()).isEqualTo("Asia/Kolkata");
        assertThat(seasonal.get("localHour").asInt()).isEqualTo(20); // 15:00 UTC is 20:30 in Kolkata
    }

    @Test
    void aTransferOverSeveralWindowsIsOneAlertWithRevisions() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(3), 2 * MB));
        flows.addAll(burst(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), "89.1.1.1", 1_500 * MB, 40));
        List<Alert> alerts = run(flows);
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(alerts).extracting(Alert::getAlertId).containsOnly(alerts.get(0).getAlertId());
        assertThat(alerts).extracting(Alert::getRevision).containsExactly(
                alerts.stream().map(Alert::getRevision).sorted().toArray(Integer[]::new));
        assertThat(alerts.get(alerts.size() - 1).getWindowEnd()).isAfter(alerts.get(0).getWindowEnd());
    }

    @Test
    void duplicateDeliveriesDoNotAddBytes() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(3), 2 * MB));
        List<EnrichedFlow> small = burst(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), "89.1.1.1", 60 * MB,
                4);
        flows.addAll(small);
        flows.addAll(small); // delivered twice: 66 MB with the steady traffic, under the 100 MB floor; 126 MB if
                             // counted twice
        assertThat(run(flows)).isEmpty();
    }

    @Test
    void smallKeysStayUnderTheFloor() {
        List<EnrichedFlow> flows = new ArrayList<>(steady(T0, Duration.ofDays(3), 10_000));
        flows.addAll(burst(T0.plus(Duration.ofDays(2)).plus(Duration.ofHours(10)), "89.1.1.1", 30 * MB, 3));
        assertThat(run(flows)).isEmpty();
    }

    @Test
    void anIdleKeyIsForgotten() {
        BandwidthState state = null;
        for (EnrichedFlow f : steady(T0, Duration.ofHours(1), MB)) {
            state = detector.absorb(state, f);
        }
        BandwidthState after = detector.advance(state, T0.plus(Duration.ofHours(2))).state();
        assertThat(after).isNotNull();
        assertThat(detector.nextDeadline(after)).contains(T0.plus(Duration.ofMinutes(55))
                .plus(BandwidthSpikeSettings.DEFAULT.idleTtl()));
        assertThat(detector.advance(after, T0.plus(Duration.ofDays(9))).state()).isNull();
    }

    @Test
    void stateSurvivesItsCodecByteForByte() {
        BandwidthState state = null;
        List<EnrichedFlow> flows = sorted(steady(T0, Duration.ofDays(2), 2 * MB));
        for (EnrichedFlow f : flows) {
            state = detector.absorb(state, f);
        }
        state = detector.advance(state, T0.plus(Duration.ofDays(2)).minusSeconds(600)).state();
        byte[] once = detector.stateCodec().encode(state);
        BandwidthState back = detector.stateCodec().decode(once);
        assertThat(detector.stateCodec().encode(back)).isEqualTo(once);
        assertThat(back.openBytes()).isEqualTo(state.openBytes());
        // a codec configured with a shorter history restores what fits
        BandwidthSpikeSettings shorter = BandwidthSpikeSettings.read(ConfigDocument.parse(
                "recentWindows: 10\nseasonalDays: 2\nidleTtl: 3d\n", "outflow.yaml"), new ConfigProblems());
        BandwidthState restored = new BandwidthSpikeDetector(shorter, CONTEXT).stateCodec().decode(once);
        assertThat(restored.history.recentValues()).hasSize(10)
                .containsExactly(java.util.Arrays.copyOfRange(state.history.recentValues(),
                        state.history.recentValues().length - 10, state.history.recentValues().length));
    }
}
