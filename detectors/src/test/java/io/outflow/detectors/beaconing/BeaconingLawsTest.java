package io.outflow.detectors.beaconing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.laws.DetectorLaws;
import io.outflow.detectors.scenario.TestFlows;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** beaconing obeys the detector laws (order within the lateness, advance steps, duplicates, state bytes). */
class BeaconingLawsTest {

    /**
     * Over ten hours: a workload whose two replicas beacon (one to a name through the firewall, one to a bare
     * address), the same workload's random API calls, a node beaconing slowly, another workload with random traffic
     * only. Every connection is seen by the firewall (when named) and by the flow log.
     */
    static List<EnrichedFlow> traffic(Random random) {
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        Duration length = Duration.ofHours(10);
        WorkloadIdentity web1 = TestFlows.pod("shop", "web", "web-1");
        WorkloadIdentity web2 = TestFlows.pod("shop", "web", "web-2");
        List<EnrichedFlow> flows = new ArrayList<>();
        flows.addAll(BeaconingDetectorTest.beacon(web1, "10.244.0.5", start, length, 90, 0.25, random));
        flows.addAll(BeaconingDetectorTest.random(web1, "10.244.0.5", start, length, 400, random));
        flows.addAll(BeaconingDetectorTest.random(web2, "10.244.0.6", start, length, 500, random));
        double t = start.toEpochMilli() + random.nextDouble() * 60_000;
        while (t < start.plus(length).toEpochMilli()) {
            flows.addAll(TestFlows.connection(web2, "10.244.0.6", 30_000 + random.nextInt(30_000), null, null,
                    "77.7.7.7", 8443, Instant.ofEpochMilli((long) t), 300));
            t += 45_000 * (1 + 0.2 * (2 * random.nextDouble() - 1));
        }
        flows.addAll(BeaconingDetectorTest.beacon(TestFlows.node("aks-batch-0"), "10.224.0.4", start, length, 600,
                0.1, random));
        flows.addAll(BeaconingDetectorTest.random(TestFlows.pod("etl", "loader", "loader-1"), "10.244.1.9", start,
                length, 240, random));
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void obeysEveryLaw(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        BeaconingDetector detector = new BeaconingDetector(BeaconingSettings.DEFAULT, BeaconingDetectorTest.CONTEXT);
        DetectorLaws<BeaconingState> laws = new DetectorLaws<>(detector, Duration.ofMinutes(10));
        assertThat(laws.alerts(flows)).as("the traffic must raise alerts for the laws to mean something")
                .isNotEmpty();
        laws.checkAll(flows, seed);
    }
}
