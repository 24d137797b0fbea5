package io.outflow.detectors.cryptomining;

import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one workload (node, address) did towards one destination: in one window, or summed over the revisions of an
 * open alert. Every field merges commutatively (sets, sums, min/max, the earliest identity), so the result does not
 * depend on arrival order. Sets are bounded to the {@code limit} smallest members.
 */
final class Sighting {
    static final int LIMIT = 10;

    IdentitySnapshot identity;
    Instant first;
    Instant last;
    long events;
    final TreeSet<String> sampleEventIds = new TreeSet<>();
    final TreeSet<String> pods = new TreeSet<>();
    final TreeSet<String> sourceIps = new TreeSet<>();
    final TreeSet<String> fqdns = new TreeSet<>();
    final TreeSet<String> destinationIps = new TreeSet<>();
    final TreeSet<Integer> ports = new TreeSet<>();
    final TreeSet<String> protocols = new TreeSet<>();
    final TreeSet<String> categories = new TreeSet<>();
    final TreeSet<String> stratumUrls = new TreeSet<>();
    final TreeSet<String> threatTexts = new TreeSet<>();
    /** Pool-port traffic to bare addresses in this window, by "address:port": min time, max time, bytes, tuples. */
    final TreeMap<String, long[]> portTraffic = new TreeMap<>();
    String poolDomain;
    String poolSource;
    String firewallResourceId;
    String otherResourceId;
    long allowed;
    long denied;

    void add(EnrichedFlow flow, String poolMatch, String poolMatchSource, String stratumUrl, String threatText,
             boolean bareAddressOnPoolPort) {
        FlowEvent e = flow.getFlow();
        Instant t = e.getTime();
        if (identity == null || t.isBefore(identity.time())
                || (t.equals(identity.time()) && e.getEventId().compareTo(identity.eventId()) < 0)) {
            identity = IdentitySnapshot.of(flow);
        }
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
        events++;
        bounded(sampleEventIds, e.getEventId());
        if (flow.getSource() != null) {
            bounded(pods, flow.getSource().getPod());
        }
        bounded(sourceIps, e.getSourceIp());
        bounded(fqdns, e.getDestinationFqdn());
        bounded(destinationIps, e.getDestinationIp());
        bounded(ports, e.getDestinationPort());
        bounded(protocols, e.getProtocol());
        categories.add(e.getCategory());
        bounded(stratumUrls, stratumUrl);
        bounded(threatTexts, threatText);
        if (poolMatch != null && (poolDomain == null || poolMatch.compareTo(poolDomain) < 0)) {
            poolDomain = poolMatch;
            poolSource = poolMatchSource;
        }
        if (Connection.isFirewall(e)) {
            firewallResourceId = smaller(firewallResourceId, e.getResourceId());
        } else {
            otherResourceId = smaller(otherResourceId, e.getResourceId());
        }
        if (e.getAction() == FlowAction.deny) {
            denied++;
        } else {
            allowed++;
        }
        if (bareAddressOnPoolPort) {
            long bytes = Connection.carriesBytes(e) ? orZero(e.getBytesOut()) + orZero(e.getBytesIn()) : 0;
            long[] traffic = portTraffic.computeIfAbsent(e.getDestinationIp() + ":" + e.getDestinationPort(),
                    k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
            traffic[0] = Math.min(traffic[0], t.toEpochMilli());
            traffic[1] = Math.max(traffic[1], t.toEpochMilli());
            traffic[2] += bytes;
            traffic[3] += Connection.carriesBytes(e) ? 1 : 0;
        }
    }

    /** Folds another sighting of the same entity in (revisions widen the evidence). */
    void merge(Sighting o) {
        identity = IdentitySnapshot.earliest(identity, o.identity);
        first = first == null || (o.first != null && o.first.isBefore(first)) ? o.first : first;
        last = last == null || (o.last != null && o.last.isAfter(last)) ? o.last : last;
        events += o.events;
        o.sampleEventIds.forEach(x -> bounded(sampleEventIds, x));
        o.pods.forEach(x -> bounded(pods, x));
        o.sourceIps.forEach(x -> bounded(sourceIps, x));
        o.fqdns.forEach(x -> bounded(fqdns, x));
        o.destinationIps.forEach(x -> bounded(destinationIps, x));
        o.ports.forEach(x -> bounded(ports, x));
        o.protocols.forEach(x -> bounded(protocols, x));
        categories.addAll(o.categories);
        o.stratumUrls.forEach(x -> bounded(stratumUrls, x));
        o.threatTexts.forEach(x -> bounded(threatTexts, x));
        if (o.poolDomain != null && (poolDomain == null || o.poolDomain.compareTo(poolDomain) < 0)) {
            poolDomain = o.poolDomain;
            poolSource = o.poolSource;
        }
        firewallResourceId = smaller(firewallResourceId, o.firewallResourceId);
        otherResourceId = smaller(otherResourceId, o.otherResourceId);
        allowed += o.allowed;
        denied += o.denied;
        for (Map.Entry<String, long[]> entry : o.portTraffic.entrySet()) {
            long[] mine = portTraffic.computeIfAbsent(entry.getKey(),
                    k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
            long[] theirs = entry.getValue();
            mine[0] = Math.min(mine[0], theirs[0]);
            mine[1] = Math.max(mine[1], theirs[1]);
            mine[2] += theirs[2];
            mine[3] += theirs[3];
        }
    }

    Sighting copy() {
        Sighting c = new Sighting();
        c.merge(this);
        return c;
    }

    String resourceId() {
        return firewallResourceId != null ? firewallResourceId : otherResourceId;
    }

    private static <T extends Comparable<T>> void bounded(TreeSet<T> set, T value) {
        if (value == null || (set.size() >= LIMIT && value.compareTo(set.last()) >= 0)) {
            return;
        }
        set.add(value);
        if (set.size() > LIMIT) {
            set.pollLast();
        }
    }

    private static String smaller(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    void write(StateOutput out) {
        if (identity != null) {
            out.writeMessage(1, identity::write);
        }
        out.writeInstant(2, first).writeInstant(3, last).writeLong(4, events);
        sampleEventIds.forEach(x -> out.writeString(5, x));
        pods.forEach(x -> out.writeString(6, x));
        sourceIps.forEach(x -> out.writeString(7, x));
        fqdns.forEach(x -> out.writeString(8, x));
        destinationIps.forEach(x -> out.writeString(9, x));
        ports.forEach(x -> out.writeInt(10, x));
        protocols.forEach(x -> out.writeString(11, x));
        categories.forEach(x -> out.writeString(12, x));
        stratumUrls.forEach(x -> out.writeString(13, x));
        threatTexts.forEach(x -> out.writeString(14, x));
        portTraffic.forEach((k, v) -> out.writeMessage(15, m -> m.writeString(1, k).writeLong(2, v[0])
                .writeLong(3, v[1]).writeLong(4, v[2]).writeLong(5, v[3])));
        out.writeString(16, poolDomain).writeString(17, poolSource).writeString(18, firewallResourceId)
                .writeString(19, otherResourceId).writeLong(20, allowed).writeLong(21, denied);
    }

    static Sighting read(StateInput in) {
        Sighting s = new Sighting();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> s.identity = IdentitySnapshot.read(in.readMessage());
                case 2 -> s.first = in.readInstant();
                case 3 -> s.last = in.readInstant();
                case 4 -> s.events = in.readLong();
                case 5 -> s.sampleEventIds.add(in.readString());
                case 6 -> s.pods.add(in.readString());
                case 7 -> s.sourceIps.add(in.readString());
                case 8 -> s.fqdns.add(in.readString());
                case 9 -> s.destinationIps.add(in.readString());
                case 10 -> s.ports.add(in.readInt());
                case 11 -> s.protocols.add(in.readString());
                case 12 -> s.categories.add(in.readString());
                case 13 -> s.stratumUrls.add(in.readString());
                case 14 -> s.threatTexts.add(in.readString());
                case 15 -> {
                    StateInput m = in.readMessage();
                    String key = "";
                    long[] v = new long[4];
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> key = m.readString();
                            case 2 -> v[0] = m.readLong();
                            case 3 -> v[1] = m.readLong();
                            case 4 -> v[2] = m.readLong();
                            case 5 -> v[3] = m.readLong();
                            default -> m.skip();
                        }
                    }
                    s.portTraffic.put(key, v);
                }
                case 16 -> s.poolDomain = in.readString();
                case 17 -> s.poolSource = in.readString();
                case 18 -> s.firewallResourceId = in.readString();
                case 19 -> s.otherResourceId = in.readString();
                case 20 -> s.allowed = in.readLong();
                case 21 -> s.denied = in.readLong();
                default -> in.skip();
            }
        }
        return s;
    }
}
