package io.outflow.detectors.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The scenario generator: seeded, labelled, and as messy as real input (disorder, duplicates, address reuse). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioGeneratorTest {
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final ScenarioGenerator.Expectations SHORT = new ScenarioGenerator.Expectations(Duration.ofDays(1));

    private Scenario scenario;

    @BeforeAll
    void generate() {
        scenario = ScenarioGenerator.generate(5, START, 4, SHORT);
    }

    @Test
    void theSameSeedGivesTheSameScenario() {
        Scenario again = ScenarioGenerator.generate(5, START, 4, SHORT);
        assertThat(again.deliveries()).isEqualTo(scenario.deliveries());
        assertThat(again.incidents()).isEqualTo(scenario.incidents());
        Scenario other = ScenarioGenerator.generate(6, START, 4, SHORT);
        assertThat(other.deliveries().size()).isNotEqualTo(scenario.deliveries().size());
    }

    @Test
    void everyIncidentIsLabelledAndNamesItsDetectors() {
        assertThat(scenario.incidents()).extracting(Incident::type).contains("beacon", "miner-sni", "miner-port",
                "exfiltration", "first-seen");
        Map<String, Integer> eventsPerIncident = new HashMap<>();
        for (String incident : scenario.incidentOfEvent().values()) {
            eventsPerIncident.merge(incident, 1, Integer::sum);
        }
        for (Incident incident : scenario.incidents()) {
            assertThat(eventsPerIncident.get(incident.id())).as(incident.id()).isPositive();
            assertThat(incident.end()).isAfterOrEqualTo(incident.start());
            if (!incident.type().equals("first-seen")) {
                assertThat(incident.expected()).as(incident.id()).isNotEmpty();
            }
        }
        assertThat(scenario.incidents()).filteredOn(i -> i.type().equals("beacon"))
                .extracting(i -> i.parameters().get("period")).contains("10s", "3600s");
    }

    @Test
    void deliveriesAreOutOfOrderWithinMinutesAndSomeTwice() {
        List<EnrichedFlow> flows = scenario.deliveries();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        int backwards = 0;
        Instant max = Instant.MIN;
        for (EnrichedFlow f : flows) {
            if (!seen.add(f.getFlow().getEventId())) {
                duplicates++;
            }
            if (f.getFlow().getTime().isBefore(max)) {
                backwards++;
            }
            max = f.getFlow().getTime().isAfter(max) ? f.getFlow().getTime() : max;
        }
        assertThat(duplicates).isPositive().isLessThan(flows.size() / 100);
        assertThat(backwards).isGreaterThan(flows.size() / 10);
    }

    @Test
    void podAddressesAreReusedButNeverHeldByTwoPodsAtOnce() {
        Map<String, Map<String, long[]>> spansByIp = new HashMap<>();
        for (EnrichedFlow f : scenario.deliveries()) {
            if (f.getSource().getAttribution() != Attribution.pod) {
                continue;
            }
            long t = f.getFlow().getTime().toEpochMilli();
            long[] span = spansByIp.computeIfAbsent(f.getFlow().getSourceIp(), k -> new HashMap<>())
                    .computeIfAbsent(f.getSource().getPodUid(), k -> new long[] {t, t});
            span[0] = Math.min(span[0], t);
            span[1] = Math.max(span[1], t);
        }
        int reused = 0;
        for (Map<String, long[]> pods : spansByIp.values()) {
            if (pods.size() > 1) {
                reused++;
            }
            List<long[]> spans = pods.values().stream().sorted((a, b) -> Long.compare(a[0], b[0])).toList();
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i)[0]).isGreaterThan(spans.get(i - 1)[1]);
            }
        }
        assertThat(reused).isPositive();
    }

    @Test
    void firewallRecordsNameTheHostAndCarryNoBytesWhileFlowTuplesCarryThem() {
        long firewall = 0;
        long tuples = 0;
        for (EnrichedFlow f : scenario.deliveries()) {
            FlowEvent e = f.getFlow();
            if (e.getCategory().startsWith("AZFW")) {
                firewall++;
                assertThat(e.getBytesOut()).isNull();
            } else {
                tuples++;
                assertThat(e.getDestinationFqdn()).isNull();
            }
        }
        assertThat(firewall).isPositive();
        assertThat(tuples).isGreaterThan(firewall);
    }

    @Test
    void aScenarioMustLeaveRoomForIncidentsAfterLearning() {
        assertThatThrownBy(() -> ScenarioGenerator.generate(1, START, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
