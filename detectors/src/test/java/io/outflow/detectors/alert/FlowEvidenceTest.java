package io.outflow.detectors.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlowEvidenceTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");

    private static List<EnrichedFlow> flows() {
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            flows.add(Flows.pod("shop", "Deployment", "web", "web-" + (i % 12), "10.0.0." + (i % 14))
                    .at(T.plusSeconds(i * 7L % 23)).to("203.0.113." + i, 3000 + i).fqdn("h" + i + ".example.org")
                    .category(i % 2 == 0 ? "AZFWApplicationRule" : "FlowLogFlowEvent")
                    .resourceId(i % 2 == 0 ? "/fw/" + (i % 3) : "/vnet/" + (i % 5)).build());
        }
        return flows;
    }

    private static FlowEvidence of(List<EnrichedFlow> flows, int limit) {
        FlowEvidence evidence = new FlowEvidence(limit);
        flows.forEach(evidence::add);
        return evidence;
    }

    private static byte[] bytes(FlowEvidence evidence) {
        return StateOutput.encode(1, evidence::write);
    }

    @Test
    void arrivalOrderAndDuplicatesChangeNothing() {
        List<EnrichedFlow> shuffled = new ArrayList<>(flows());
        shuffled.addAll(flows().subList(0, 10));
        Collections.shuffle(shuffled, new Random(7));
        assertThat(bytes(of(shuffled, 10))).isEqualTo(bytes(of(flows(), 10)));
    }

    @Test
    void mergingHalvesEqualsAddingEverything() {
        List<EnrichedFlow> all = flows();
        FlowEvidence merged = of(all.subList(0, 13), 10);
        merged.merge(of(all.subList(13, all.size()), 10));
        assertThat(bytes(merged)).isEqualTo(bytes(of(all, 10)));
        assertThat(bytes(merged.copy())).isEqualTo(bytes(merged));
    }

    @Test
    void keepsTheSmallestValuesAndTheEarliestFlowsIdentity() {
        FlowEvidence evidence = of(flows(), 3);
        assertThat(evidence.pods()).containsExactly("web-0", "web-1", "web-10");
        assertThat(evidence.ports()).containsExactly(3000, 3001, 3002);
        assertThat(evidence.firstFqdn()).isEqualTo("h0.example.org");
        assertThat(evidence.sampleEventIds()).hasSize(3);
        assertThat(evidence.categories()).containsExactly("AZFWApplicationRule", "FlowLogFlowEvent");
        assertThat(evidence.firstEventTime()).isEqualTo(T);
        assertThat(evidence.lastEventTime()).isEqualTo(T.plusSeconds(22));
        assertThat(evidence.identity().time()).isEqualTo(T);
    }

    @Test
    void namesTheFirewallBeforeTheFlowLog() {
        FlowEvidence evidence = of(flows(), 10);
        assertThat(evidence.resourceId()).isEqualTo("/fw/0");
        assertThat(evidence.firewallResourceId()).isEqualTo("/fw/0");
        FlowEvidence flowLogOnly = of(flows().stream().filter(f -> f.getFlow().getResourceId().startsWith("/vnet"))
                .toList(), 10);
        assertThat(flowLogOnly.resourceId()).isEqualTo("/vnet/0");
        assertThat(flowLogOnly.firewallResourceId()).isNull();
    }

    @Test
    void restoresByteForByteAndTrimsToASmallerLimit() {
        FlowEvidence evidence = of(flows(), 10);
        byte[] written = bytes(evidence);
        assertThat(bytes(FlowEvidence.read(StateInput.decode(written), 10))).isEqualTo(written);
        assertThat(bytes(FlowEvidence.read(StateInput.decode(written), 3))).isEqualTo(bytes(of(flows(), 3)));
    }
}
