package io.outflow.detectors.laws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.testing.Flows;
import io.outflow.detectors.testing.WindowCountDetector;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness itself: a detector built on the framework obeys the laws, and a broken one is caught. */
class DetectorLawsTest {
    private static final AlertContext CONTEXT = new AlertContext("0123456789ab", "test", Mode.replay);
    private static final Duration LATENESS = Duration.ofMinutes(10);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void frameworkDetectorObeysEveryLaw(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed), 400);
        DetectorLaws<WindowCountDetector.State> laws =
                new DetectorLaws<>(new WindowCountDetector(CONTEXT, 3, false), LATENESS);
        assertThat(laws.alerts(flows)).as("the scenario must raise alerts for the laws to mean something")
                .isNotEmpty();
        laws.checkAll(flows, seed);
    }

    @Test
    void catchesADetectorThatCountsDuplicates() {
        List<EnrichedFlow> flows = traffic(new Random(7), 400);
        DetectorLaws<WindowCountDetector.State> laws =
                new DetectorLaws<>(new WindowCountDetector(CONTEXT, 3, true), LATENESS);
        assertThatThrownBy(() -> laws.duplicatesChangeNothing(flows, 7)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 7");
    }

    @Test
    void shufflingKeepsEveryFlowOnTime() {
        List<EnrichedFlow> flows = traffic(new Random(9), 300);
        DetectorLaws<WindowCountDetector.State> laws =
                new DetectorLaws<>(new WindowCountDetector(CONTEXT, 3, false), LATENESS);
        List<EnrichedFlow> shuffled = laws.shuffleWithinLateness(flows, new Random(9));
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(flows).isNotEqualTo(flows);
        Instant max = Instant.MIN;
        for (EnrichedFlow flow : shuffled) {
            Instant t = flow.getFlow().getTime();
            assertThat(t).isAfterOrEqualTo(max.equals(Instant.MIN) ? t : max.minus(LATENESS));
            max = t.isAfter(max) ? t : max;
        }
    }

    /**
     * Two workloads (three replicas between them), a node and an unattributed address making connections that a
     * firewall record and a flow tuple both see, bursts that cross the threshold, over about forty minutes.
     */
    static List<EnrichedFlow> traffic(Random random, int connections) {
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        List<EnrichedFlow> flows = new ArrayList<>();
        String[][] sources = {
            {"pod", "shop", "web", "web-1", "10.244.1.5"},
            {"pod", "shop", "web", "web-2", "10.244.2.7"},
            {"pod", "jobs", "report", "report-1", "10.244.1.9"},
            {"node", "", "", "aks-nodepool1-1", "10.224.0.5"},
            {"unknown", "", "", "", "10.224.9.9"},
        };
        for (int i = 0; i < connections; i++) {
            String[] s = sources[random.nextInt(sources.length)];
            Instant t = start.plusMillis((long) (random.nextDouble() * 40 * 60_000));
            int sourcePort = 30_000 + random.nextInt(20_000);
            String ip = "203.0.113." + (1 + random.nextInt(5));
            Flows firewall = origin(s).at(t).to(ip, 443).sourcePort(sourcePort).category("AZFWNetworkRule");
            flows.add(firewall.build());
            if (random.nextBoolean()) {
                flows.add(origin(s).at(t.plusMillis(random.nextInt(20_000))).to(ip, 443).sourcePort(sourcePort)
                        .category("FlowLogFlowEvent").kind(FlowKind.flow_summary).action(null)
                        .bytes(1000 + random.nextInt(5000), 500).build());
            }
        }
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }

    private static Flows origin(String[] s) {
        return switch (s[0]) {
            case "pod" -> Flows.pod(s[1], "Deployment", s[2], s[3], s[4]);
            case "node" -> Flows.node(s[3], s[4]);
            default -> Flows.unknown(s[4], "outside-known-ranges");
        };
    }
}
