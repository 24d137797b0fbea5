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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

    /** Random events of three tuples (source ports) to two addresses or none, spread over 40 minutes. */
    private static List<FlowEvent> randomEvents(Random random, int count) {
        List<FlowEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // whole seconds now and then: equal times across tuples and sessions
            long millis = random.nextInt(3) == 0 ? random.nextInt(2400) * 1000L : random.nextInt(2_400_000);
            Instant at = T.plusMillis(millis);
            int port = 40000 + random.nextInt(3);
            String ip = "203.0.113." + (1 + random.nextInt(2));
            switch (random.nextInt(4)) {
                case 0 -> events.add(applicationRule(at, port));
                case 1 -> events.add(networkRule(at, port, ip, FlowAction.values()[random.nextInt(3)]));
                default -> events.add(tuple(at, port, ip, random.nextInt(5000)));
            }
        }
        return events;
    }

    /**
     * The connections are a function of the set of events: each event arriving at its time plus a random delay below
     * the lateness, drains at random watermark steps (and state restored from its bytes now and then) give the same
     * connections in the same order as absorbing everything in time order and draining once. Along the way every
     * drain leaves nothing that could have closed, {@link ConnectionLedger#nextDeadline} is the first watermark that
     * drains something, and no connection drained later starts before {@link ConnectionLedger#earliestOpenStart}
     * (or the watermark, when that is earlier).
     */
    @Test
    void connectionsAreAFunctionOfTheSetOfEventsWhateverTheArrivalOrderAndWatermarkSteps() {
        Instant end = Instant.parse("9999-12-31T23:59:59.999Z");
        long lateness = Duration.ofMinutes(10).toMillis();
        for (long seed = 1; seed <= 150; seed++) {
            Random random = new Random(seed);
            Duration gap = List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMinutes(2)).get(random.nextInt(3));
            List<FlowEvent> events = randomEvents(random, 20 + random.nextInt(200));

            List<FlowEvent> inTimeOrder = new ArrayList<>(events);
            inTimeOrder.sort(Comparator.comparing(FlowEvent::getTime));
            ConnectionLedger reference = new ConnectionLedger(gap, ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
            inTimeOrder.forEach(reference::absorb);
            List<Connection> expected = reference.drainClosed(end);

            List<long[]> arrivals = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                arrivals.add(new long[] {events.get(i).getTime().toEpochMilli() + random.nextInt((int) lateness), i});
            }
            arrivals.sort(Comparator.comparingLong((long[] a) -> a[0]));
            ConnectionLedger ledger = new ConnectionLedger(gap, ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
            List<Connection> drained = new ArrayList<>();
            long latest = Long.MIN_VALUE;
            long drainedUpTo = Long.MIN_VALUE;
            Instant lowerBound = Instant.MIN;
            int boundFrom = 0;
            for (long[] arrival : arrivals) {
                FlowEvent event = events.get((int) arrival[1]);
                latest = Math.max(latest, event.getTime().toEpochMilli());
                assertThat(event.getTime()).as("seed %d: on time", seed).isAfterOrEqualTo(
                        Instant.ofEpochMilli(latest - lateness));
                ledger.absorb(event);
                if (random.nextInt(3) == 0) {
                    long watermark = latest - lateness;
                    drainedUpTo = Math.max(drainedUpTo, watermark - random.nextInt(300_000));
                    Instant w = Instant.ofEpochMilli(drainedUpTo);
                    checkDeadline(seed, ledger, gap);
                    drained.addAll(ledger.drainClosed(w));
                    assertThat(ledger.nextDeadline().orElse(Instant.MAX)).as("seed %d: left open at %s", seed, w)
                            .isAfter(w);
                    Instant bound = lowerBound;
                    assertThat(drained.subList(boundFrom, drained.size())).as("seed %d", seed)
                            .allMatch(c -> !c.first().isBefore(bound));
                    // what is drained from here on starts at or after this
                    boundFrom = drained.size();
                    Instant openStart = ledger.earliestOpenStart().orElse(Instant.MAX);
                    Instant watermarkNow = Instant.ofEpochMilli(latest - lateness);
                    lowerBound = openStart.isBefore(watermarkNow) ? openStart : watermarkNow;
                }
                if (random.nextInt(15) == 0) {
                    byte[] bytes = StateOutput.encode(1, ledger::write);
                    ledger = ConnectionLedger.read(StateInput.decode(bytes), gap,
                            ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
                    assertThat(StateOutput.encode(1, ledger::write)).isEqualTo(bytes);
                }
            }
            drained.addAll(ledger.drainClosed(end));
            Instant bound = lowerBound;
            assertThat(drained.subList(boundFrom, drained.size())).as("seed %d", seed)
                    .allMatch(c -> !c.first().isBefore(bound));
            assertThat(drained).as("seed %d: connections", seed).isEqualTo(expected);
            assertThat(ledger.isEmpty()).isTrue();
        }
    }

    /** On copies restored from the bytes: a millisecond before the deadline drains nothing, the deadline something. */
    private static void checkDeadline(long seed, ConnectionLedger ledger, Duration gap) {
        byte[] bytes = StateOutput.encode(1, ledger::write);
        Optional<Instant> deadline = ledger.nextDeadline();
        ConnectionLedger before = ConnectionLedger.read(StateInput.decode(bytes), gap, 100);
        ConnectionLedger at = ConnectionLedger.read(StateInput.decode(bytes), gap, 100);
        assertThat(before.nextDeadline()).isEqualTo(deadline);
        if (deadline.isEmpty()) {
            assertThat(ledger.isEmpty()).isTrue();
            return;
        }
        assertThat(before.drainClosed(deadline.get().minusMillis(1))).as("seed %d: before the deadline", seed)
                .isEmpty();
        assertThat(at.drainClosed(deadline.get())).as("seed %d: at the deadline", seed).isNotEmpty();
    }

    @Test
    void aFinishedSessionIsDrainedWhileALaterOneReusesItsSourcePort() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(applicationRule(T, 40007));
        ledger.absorb(tuple(T.plusSeconds(1), 40007, "203.0.113.9", 100));
        for (int minute = 10; minute <= 70; minute++) { // the port reused for an hour-long connection
            ledger.absorb(tuple(T.plus(Duration.ofMinutes(minute)), 40007, "203.0.113.7", 10));
        }
        assertThat(ledger.openGroups()).isEqualTo(2);
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(121).plusMillis(1));
        List<Connection> closed = ledger.drainClosed(T.plus(Duration.ofMinutes(5)));
        assertThat(closed).singleElement().satisfies(c -> {
            assertThat(c.destinationIp()).isEqualTo("203.0.113.9");
            assertThat(c.destinationFqdn()).isEqualTo("api.example.com");
            assertThat(c.first()).isEqualTo(T);
        });
        assertThat(ledger.earliestOpenStart()).contains(T.plus(Duration.ofMinutes(10)));
        assertThat(ledger.drainClosed(T.plus(Duration.ofMinutes(73)))).singleElement()
                .satisfies(c -> assertThat(c.events()).isEqualTo(61));
    }

    @Test
    void aRecordWithoutAddressKeepsItsGroupOpenUntilItCanNoLongerChange() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(tuple(T, 40008, "203.0.113.9", 100));
        ledger.absorb(applicationRule(T.plusSeconds(100), 40008));
        assertThat(ledger.drainClosed(T.plusSeconds(121))).isEmpty();
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(220).plusMillis(1));
        assertThat(ledger.drainClosed(T.plusSeconds(220).plusMillis(1))).singleElement().satisfies(c -> {
            assertThat(c.destinationFqdn()).isEqualTo("api.example.com");
            assertThat(c.events()).isEqualTo(2);
        });
    }

    @Test
    void anEventBetweenTwoGroupsOfATupleJoinsThemIntoOne() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(tuple(T, 40009, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(180), 40009, "203.0.113.7", 1));
        assertThat(ledger.openGroups()).isEqualTo(2);
        ledger.absorb(applicationRule(T.plusSeconds(90), 40009)); // within 2 minutes of both
        assertThat(ledger.openGroups()).isEqualTo(1);
        assertThat(ledger.nextDeadline()).contains(T.plusSeconds(300).plusMillis(1));
        List<Connection> closed = ledger.drainClosed(T.plus(Duration.ofHours(1)));
        assertThat(closed).extracting(Connection::destinationIp).containsExactly("203.0.113.9", "203.0.113.7");
        // equally close to both: the name goes to the smaller address
        assertThat(closed).extracting(Connection::destinationFqdn).containsExactly(null, "api.example.com");
    }

    /** A session as the per-tuple ledger wrote it: every field it wrote, in its order. */
    private static void legacySession(StateOutput out, String ip, Instant first, Instant last, String eventId) {
        out.writeString(1, ip).writeInstant(2, first).writeInstant(3, last).writeLong(6, 100).writeLong(7, 300)
                .writeLong(8, 1).writeLong(9, 1).writeInt(10, 1).writeBoolean(11, false).writeBoolean(12, true)
                .writeString(14, VNET).writeString(15, "FlowLogFlowEvent").writeString(16, eventId);
    }

    /** The layout is the per-tuple one: a tuple written with sessions far apart restores as separate groups. */
    @Test
    void aTupleOfTheEarlierLayoutRestoresWithItsSessionsInGroups() {
        byte[] bytes = StateOutput.encode(1, out -> out.writeMessage(1, tuple -> {
            tuple.writeString(1, "aks").writeString(2, "10.244.1.5").writeInt(3, 40010).writeInt(4, 443)
                    .writeString(5, "TCP");
            tuple.writeMessage(6, s -> legacySession(s, "203.0.113.7", T.plusSeconds(600), T.plusSeconds(660), "bb"));
            tuple.writeMessage(6, s -> legacySession(s, "203.0.113.9", T, T.plusSeconds(5), "aa"));
        }));
        ConnectionLedger ledger = ConnectionLedger.read(StateInput.decode(bytes), ConnectionLedger.DEFAULT_GAP,
                ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
        assertThat(ledger.openGroups()).isEqualTo(2);
        assertThat(ledger.earliestOpenStart()).contains(T);
        assertThat(StateOutput.encode(1, ledger::write)).isEqualTo(bytes);
        assertThat(ledger.drainClosed(T.plus(Duration.ofMinutes(3)))).singleElement().satisfies(c -> {
            assertThat(c.destinationIp()).isEqualTo("203.0.113.9");
            assertThat(c.bytesOut()).isEqualTo(100);
            assertThat(c.sampleEventIds()).containsExactly("aa");
        });
        assertThat(ledger.drainClosed(T.plus(Duration.ofMinutes(14)))).extracting(Connection::destinationIp)
                .containsExactly("203.0.113.7");
    }

    @Test
    void restoresFromItsBytes() {
        ConnectionLedger ledger = new ConnectionLedger();
        ledger.absorb(applicationRule(T, 40006));
        ledger.absorb(tuple(T.plusSeconds(3), 40006, "203.0.113.9", 42));
        byte[] bytes = StateOutput.encode(1, ledger::write);
        ConnectionLedger restored = ConnectionLedger.read(StateInput.decode(bytes), ConnectionLedger.DEFAULT_GAP,
                ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
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
        assertThat(ledger.openGroups()).isEqualTo(2);
        assertThat(ledger.nextDeadline()).contains(Instant.MIN);
        assertThat(ledger.drainClosed(T)).extracting(Connection::sourcePort).containsExactly(1);
    }

    @Test
    void groupsTheCapClosedSurviveARestoreUntilTheyAreDrained() {
        ConnectionLedger ledger = new ConnectionLedger(Duration.ofMinutes(2), 1);
        ledger.absorb(tuple(T, 1, "203.0.113.9", 1));
        ledger.absorb(applicationRule(T.plusMillis(500), 1));
        ledger.absorb(tuple(T.plusSeconds(1), 2, "203.0.113.9", 1));
        ledger.absorb(tuple(T.plusSeconds(2), 3, "203.0.113.9", 1));
        byte[] bytes = StateOutput.encode(1, ledger::write);
        ConnectionLedger restored = ConnectionLedger.read(StateInput.decode(bytes), Duration.ofMinutes(2), 1);
        assertThat(StateOutput.encode(1, restored::write)).isEqualTo(bytes);
        assertThat(restored.nextDeadline()).contains(Instant.MIN);
        List<Connection> drained = ledger.drainClosed(T);
        assertThat(drained).extracting(Connection::sourcePort).containsExactly(1, 2);
        assertThat(drained.get(0).destinationFqdn()).as("the record joined its tuple before the cap closed it")
                .isNotNull();
        assertThat(restored.drainClosed(T)).isEqualTo(drained);
        assertThat(restored.isEmpty()).isFalse();
    }
}
