package io.outflow.detectors.cryptomining;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.laws.DetectorLaws;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The detector laws over random clusters with miners, pool-port sessions, CoreDNS lookups and benign traffic. */
class CryptominingLawsTest {
    private static final Duration LATENESS = Duration.ofMinutes(10);

    @ParameterizedTest
    @ValueSource(longs = {5, 17, 29, 101, 2024})
    void obeysEveryLaw(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        DetectorLaws<CryptominingState> laws = new DetectorLaws<>(CryptominingDetectorTest.detector(), LATENESS);
        assertThat(laws.alerts(flows)).as("seed %d should raise alerts", seed).hasSizeGreaterThan(2);
        laws.checkAll(flows, seed);
    }

    static List<EnrichedFlow> traffic(Random random) {
        Instant start = Instant.parse("2025-03-01T08:00:00Z");
        List<EnrichedFlow> flows = new ArrayList<>();
        Flows[] sources = {
            Flows.pod("shop", "Deployment", "web", "web-a", "10.244.1.5"),
            Flows.pod("shop", "Deployment", "web", "web-b", "10.244.2.6"),
            Flows.pod("batch", "CronJob", "report", "report-1", "10.244.3.7"),
            Flows.node("aks-nodepool1-1", "10.224.0.5"),
            Flows.unknown("10.224.9.9", "outside-known-ranges"),
        };
        String[] pools = {"xmr-eu1.nanopool.org", "pool.supportxmr.com", "gulf.moneroocean.stream"};
        for (int i = 0; i < 150; i++) {
            Flows from = sources[random.nextInt(sources.length)];
            Instant at = start.plusSeconds(random.nextInt(4 * 3600));
            switch (random.nextInt(6)) {
                case 0 -> flows.add(CryptominingDetectorTest.sni(from, at, pools[random.nextInt(pools.length)],
                        30000 + random.nextInt(20000)));
                case 1 -> flows.add(from.at(at).fqdn("api.github.com").port(443).category("AZFWApplicationRule")
                        .build());
                case 2 -> flows.add(CryptominingDetectorTest.coreDnsLookup(at, pools[random.nextInt(pools.length)]));
                case 3 -> flows.addAll(CryptominingDetectorTest.tuples(from, at, 5 + random.nextInt(40),
                        "198.51.100." + (1 + random.nextInt(3)), random.nextBoolean() ? 3333 : 7777,
                        1000 + random.nextInt(100_000)));
                case 4 -> flows.add(from.at(at).to("203.0.113.50", 443).category("AZFWThreatIntel")
                        .kind(FlowKind.threat_intel).extra("threatDescription", "Crypto mining pool").build());
                default -> flows.add(from.at(at).to("203.0.113.8", 5432).category("FlowLogFlowEvent")
                        .kind(FlowKind.flow_summary).bytes(100, 100).build());
            }
        }
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }
}
