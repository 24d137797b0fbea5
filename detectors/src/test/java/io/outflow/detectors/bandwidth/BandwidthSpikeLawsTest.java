package io.outflow.detectors.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.laws.DetectorLaws;
import io.outflow.detectors.scenario.TestFlows;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowState;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bandwidth_spike obeys the detector laws (order within the lateness, advance steps, duplicates, state bytes). */
class BandwidthSpikeLawsTest {

    /**
     * Two workloads with replicas and a node sending C/E tuples every few minutes for two and a half days, with
     * bursts to a few destinations on the last day: warm-up, closes, alerts and revisions all happen.
     */
    static List<EnrichedFlow> traffic(Random random) {
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        WorkloadIdentity[] sources = {
            TestFlows.pod("shop", "web", "web-1"), TestFlows.pod("shop", "web", "web-2"),
            TestFlows.pod("etl", "loader", "loader-1"), TestFlows.node("aks-batch-0"),
        };
        String[] ips = {"10.244.0.5", "10.244.0.6", "10.244.1.9", "10.224.0.4"};
        List<EnrichedFlow> flows = new ArrayList<>();
        long end = Duration.ofHours(60).toMillis();
        for (int s = 0; s < sources.length; s++) {
            double t = random.nextDouble() * 300_000;
            while (t < end) {
                FlowState state = random.nextInt(4) == 0 ? FlowState.end : FlowState.continuing;
                flows.add(TestFlows.tuple(sources[s], ips[s], 40_000 + random.nextInt(1000),
                        "20.1.2." + random.nextInt(4), 443, start.plusMillis((long) t), state,
                        500_000 + random.nextInt(3_000_000)));
                t += 60_000 + random.nextDouble() * 240_000;
            }
        }
        for (int b = 0; b < 6; b++) {
            int s = random.nextInt(sources.length);
            long at = Duration.ofHours(30).toMillis() + (long) (random.nextDouble() * Duration.ofHours(28).toMillis());
            for (int i = 0; i < 12; i++) {
                flows.add(TestFlows.tuple(sources[s], ips[s], 50_000 + b, "89.1.1." + b, 443,
                        start.plusMillis(at + i * 90_000L), FlowState.continuing, 60_000_000L + random.nextInt(9)));
            }
        }
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void obeysEveryLaw(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        BandwidthSpikeDetector detector = new BandwidthSpikeDetector(BandwidthSpikeSettings.DEFAULT,
                BandwidthSpikeDetectorTest.CONTEXT);
        DetectorLaws<BandwidthState> laws = new DetectorLaws<>(detector, Duration.ofMinutes(10));
        assertThat(laws.alerts(flows)).as("the traffic must raise alerts for the laws to mean something")
                .isNotEmpty();
        laws.checkAll(flows, seed);
    }
}
