package io.outflow.detectors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private static FlowEvent ofCategory(String category) {
        FlowEvent e = new FlowEvent();
        e.setEventId("00");
        e.setTime(Instant.EPOCH);
        e.setCategory(category);
        e.setKind(FlowKind.connection);
        return e;
    }

    @Test
    void firewallRecordsAreKnownByTheirCategoryInAnyCase() {
        assertThat(Connection.isFirewall(ofCategory("AZFWApplicationRule"))).isTrue();
        assertThat(Connection.isFirewall(ofCategory("azfwNetworkRule"))).isTrue();
        assertThat(Connection.isFirewall(ofCategory("AzureFirewallNetworkRule"))).isTrue();
        assertThat(Connection.isFirewall(ofCategory("AZUREFIREWALLAPPLICATIONRULE"))).isTrue();
        assertThat(Connection.isFirewall(ofCategory("FlowLogFlowEvent"))).isFalse();
        assertThat(Connection.isFirewall(ofCategory("HubbleFlow"))).isFalse();
        assertThat(Connection.isFirewall(ofCategory("AZF"))).isFalse();
        assertThat(Connection.isFirewall(ofCategory("AzureFirewal"))).isFalse();
    }

    @Test
    void onlyFlowTuplesAndHubbleFlowsCarryBytes() {
        FlowEvent tuple = ofCategory("FlowLogFlowEvent");
        tuple.setKind(FlowKind.flow_summary);
        assertThat(Connection.carriesBytes(tuple)).isTrue();
        assertThat(Connection.carriesBytes(ofCategory("HubbleFlow"))).isTrue();
        assertThat(Connection.carriesBytes(ofCategory("AZFWNetworkRule"))).isFalse();
    }
}
