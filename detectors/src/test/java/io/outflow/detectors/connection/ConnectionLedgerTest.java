package io.outflow.detectors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectionLedgerTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final String FIREWALL = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
            + "azureFirewalls/fw";
    private static final String VNET = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/"
            + "virtualNetworks/vnet";

    private static FlowEvent applicationRule(Instant at, int sourcePort) {
        return Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").at(at).sourcePort(sourcePort)
                .port(443).fqdn("api.example.com").category("AZFWApplicationRule").resourceId(FIREWALL)
                .build().getFlow();
    }

    private static FlowEvent networkRule(Instant at, int sourcePort, String ip, FlowAction action) {
        return Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").at(at).sourcePort(sourcePort)
                .to(ip, 443).category("AZFWNetworkRule").action(action).resourceId(FIREWALL).build().getFlow();
    }

    private static FlowEvent tuple(Instant at, int sourcePort, String ip, long bytesOut) {
        return Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").at(at).sourcePort(sourcePort)
                .to(ip, 443).category("FlowLogFlowEvent").kind(FlowKind.flow_summary).action(FlowAction.allow)
                .bytes(bytesOut, 10).resourceId(VNET).build().getFlow();
    }

    @Test
    void firewallRecordAndFlowTuplesAreOneConnectionAtTheEarliestTime() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(tuple(T.plusSeconds(5), 40000, "203.0.113.9", 1200));
        ledger.absorb(applicationRule(T.plusSeconds(1), 40000));
        ledger.absorb(tuple(T.plusSeconds(65), 40000, "203.0.113.9", 800));
        assertThat(ledger.drainClosed(T.plusSeconds(185))).isEmpty();
        List<Connection> closed = ledger.drainClosed(T.plusSeconds(186));
        assertThat(closed).hasSize(1);
        Connection c = closed.get(0);
        assertThat(c.first()).isEqualTo(T.plusSeconds(1));
        assertThat(c.last()).isEqualTo(T.plusSeconds(65));
        assertThat(c.destinationIp()).isEqualTo("203.0.113.9");
        assertThat(c.destinationFqdn()).isEqualTo("api.example.com");
        assertThat(c.bytesOut()).isEqualTo(2000);
        assertThat(c.bytesIn()).isEqualTo(20);
        assertThat(c.events()).isEqualTo(3);
        assertThat(c.firewallSeen()).isTrue();
        assertThat(c.flowSeen()).isTrue();
        assertThat(c.resourceId()).isEqualTo(FIREWALL);
        assertThat(c.categories()).containsExactly("AZFWApplicationRule", "FlowLogFlowEvent");
        assertThat(c.sampleEventIds()).hasSize(3).isSorted();
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void firewallRecordsNeverAddBytes() {
        ConnectionLedger ledger = new ConnectionLedger();
        FlowEvent withBytes = networkRule(T, 40001, "203.0.113.9", FlowAction.allow);
        withBytes.setBytesOut(999L);
        ledger.absorb(withBytes);
        assertThat(ledger.drainClosed(T.plus(Duration.ofHours(1))).get(0).bytesOut()).isZero();
    }

    @Test
    void strongestActionWins() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(networkRule(T, 40002, "203.0.113.9", FlowAction.allow));
        ledger.absorb(networkRule(T.plusSeconds(1), 40002, "203.0.113.9", FlowAction.deny));
        ledger.absorb(networkRule(T.plusSeconds(2), 40002, "203.0.113.9", FlowAction.alert));
        assertThat(ledger.drainClosed(T.plus(Duration.ofHours(1))).get(0).action()).isEqualTo(FlowAction.deny);
    }

    @Test
    void aGapLongerThanTheWindowStartsANewConnection() {
        ConnectionLedger ledger = new ConnectionLedger(Duration.ofMinutes(2), 100);
        ledger.absorb(tuple(T, 40003, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(121), 40003, "203.0.113.9", 1));
        List<Connection> closed = ledger.drainClosed(T.plus(Duration.ofHours(1)));
        assertThat(closed).extracting(Connection::first).containsExactly(T, T.plusSeconds(121));
    }

    @Test
    void sameSourcePortToTwoAddressesIsTwoConnectionsAndTheNameGoesToTheCloserOne() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(tuple(T, 40004, "203.0.113.1", 10));
        ledger.absorb(tuple(T.plusSeconds(30), 40004, "203.0.113.2", 20));
        ledger.absorb(applicationRule(T.plusSeconds(28), 40004));
        List<Connection> closed = ledger.drainClosed(T.plus(Duration.ofHours(1)));
        assertThat(closed).extracting(Connection::destinationIp).containsExactly("203.0.113.1", "203.0.113.2");
        assertThat(closed).extracting(Connection::destinationFqdn).containsExactly(null, "api.example.com");
        assertThat(closed.get(1).first()).isEqualTo(T.plusSeconds(28));
    }

    @Test
    void aNameWithoutAnyAddressNearbyIsAConnectionOfItsOwn() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(applicationRule(T, 40005));
        List<Connection> closed = ledger.drainClosed(T.plus(Duration.ofHours(1)));
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).destinationIp()).isNull();
        assertThat(closed.get(0).destinationFqdn()).isEqualTo("api.example.com");
    }

    @Test
    void nameAndDnsEventsAreNotConnections() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(Flows.node("aks-nodepool1-0", "10.224.0.4").at(T).fqdn("pool.example.org")
                .category("AZFWDnsQuery").kind(FlowKind.dns_query).build().getFlow());
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void resultDoesNotDependOnArrivalOrderOrOnHowTheWatermarkAdvanced() {
        List<FlowEvent> events = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            Instant at = T.plusSeconds(random.nextInt(1800));
            int port = 40000 + random.nextInt(15);
            String ip = "203.0.113." + (1 + random.nextInt(2));
            switch (random.nextInt(3)) {
                case 0 -> events.add(applicationRule(at, port));
                case 1 -> events.add(networkRule(at, port, ip, FlowAction.allow));
                default -> events.add(tuple(at, port, ip, random.nextInt(5000)));
            }
        }
        List<Connection> reference = drainAll(events, false);
        for (int round = 0; round < 5; round++) {
            Collections.shuffle(events, random);
            assertThat(drainAll(events, round % 2 == 0)).isEqualTo(reference);
        }
    }

    private static List<Connection> drainAll(List<FlowEvent> events, boolean stepwise) {
        ConnectionLedger ledger = new ConnectionLedger();
        events.forEach(ledger::absorb);
        List<Connection> out = new ArrayList<>();
        if (stepwise) {
            for (int minute = 0; minute <= 40; minute++) {
                out.addAll(ledger.drainClosed(T.plus(Duration.ofMinutes(minute))));
            }
        }
        out.addAll(ledger.drainClosed(T.plus(Duration.ofDays(1))));
        return out;
    }

    @Test
    void restoresFromItsBytes() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(applicationRule(T, 40006));
        ledger.absorb(tuple(T.plusSeconds(3), 40006, "203.0.113.9", 42));
        byte[] bytes = StateOutput.encode(1, ledger::write);
        ConnectionLedger restored = ConnectionLedger.read(StateInput.decode(bytes), ConnectionLedger.DEFAULT_GAP,
                ConnectionLedger.DEFAULT_MAX_TUPLES);
        assertThat(StateOutput.encode(1, restored::write)).isEqualTo(bytes);
        assertThat(restored.nextDeadline()).isEqualTo(ledger.nextDeadline());
        assertThat(restored.earliestOpenStart()).contains(T);
        assertThat(restored.drainClosed(T.plus(Duration.ofHours(1))))
                .isEqualTo(ledger.drainClosed(T.plus(Duration.ofHours(1))));
    }

    @Test
    void theNextDeadlineFollowsTheTupleThatClosesFirstAsEventsExtendThem() {
        ConnectionLedger ledger = new ConnectionLedger(Duration.ofMinutes(2), 100);
        ledger.absorb(tuple(T, 40010, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(10), 40011, "203.0.113.9", 1));
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(120).plusMillis(1));
        ledger.absorb(tuple(T.plusSeconds(60), 40010, "203.0.113.9", 1));
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(130).plusMillis(1));
        assertThat(ledger.drainClosed(T.plusSeconds(130).plusMillis(1))).extracting(Connection::sourcePort)
                .containsExactly(40011);
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(180).plusMillis(1));
        assertThat(ledger.earliestOpenStart()).contains(T);
    }

    @Test
    void tooManyOpenTuplesCloseTheOldestEarly() {
        ConnectionLedger ledger = new ConnectionLedger(Duration.ofMinutes(2), 2);
        ledger.absorb(tuple(T, 1, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(1), 2, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(2), 3, "203.0.113.9", 1));
        assertThat(ledger.openTuples()).isEqualTo(2);
        assertThat(ledger.nextDeadline()).contains(Instant.MIN);
        assertThat(ledger.drainClosed(T)).extracting(Connection::sourcePort).containsExactly(1);
    }
}
