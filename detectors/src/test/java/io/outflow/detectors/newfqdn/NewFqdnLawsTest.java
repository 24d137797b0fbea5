package io.outflow.detectors.newfqdn;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.laws.DetectorLaws;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The detector laws over random workloads with habits, CDN churn, new names, denials and silences. */
class NewFqdnLawsTest {
    private static final Duration LATENESS = Duration.ofMinutes(10);
    /** A short learning period and memory so that a few hours exercise learning, forgetting and lifetimes. */
    private static final NewFqdnSettings FAST = new NewFqdnSettings(true, Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofHours(2), 32, Duration.ofMinutes(30), true, 0.5, 0.4, 0.7, 10);

    @ParameterizedTest
    @ValueSource(longs = {3, 11, 59, 313, 4242})
    void obeysEveryLaw(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        DetectorLaws<NewFqdnState> laws = new DetectorLaws<>(new NewFqdnDetector(FAST, NewFqdnDetectorTest.CONTEXT),
                LATENESS);
        assertThat(laws.alerts(flows)).as("seed %d should raise alerts", seed).hasSizeGreaterThan(2);
        laws.checkAll(flows, seed);
    }

    static List<EnrichedFlow> traffic(Random random) {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        Flows[] sources = {
            Flows.pod("shop", "Deployment", "web", "web-a", "10.244.1.5"),
            Flows.pod("shop", "Deployment", "web", "web-b", "10.244.2.6"),
            Flows.pod("batch", "CronJob", "report", "report-1", "10.244.3.7"),
            Flows.node("aks-nodepool1-1", "10.224.0.5"),
        };
        String[] names = {"api.stripe.com", "x1.cdn.example.net", "x2.cdn.example.net", "login.example.org",
            "a.b.example.co.uk", "telemetry.example.io"};
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Flows from = sources[random.nextInt(sources.length)];
            Instant at = start.plusSeconds(random.nextInt(8 * 3600));
            if (at.isAfter(start.plus(Duration.ofHours(4))) && at.isBefore(start.plus(Duration.ofHours(6)))
                    && from == sources[2]) {
                continue;
            }
            String name = random.nextInt(4) == 0 ? "n" + random.nextInt(40) + ".new" + random.nextInt(20) + ".com"
                    : names[random.nextInt(names.length)];
            if (random.nextInt(5) == 0) {
                flows.add(from.at(at).to("203.0.113." + random.nextInt(9), 443).category("FlowLogFlowEvent")
                        .kind(FlowKind.flow_summary).bytes(500, 500).build());
            } else {
                EnrichedFlow flow = from.at(at).fqdn(name).port(443).category("AZFWApplicationRule")
                        .action(random.nextInt(6) == 0 ? FlowAction.deny : FlowAction.allow).build();
                flows.add(RegisteredDomains.fill(flow));
            }
        }
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }
}
