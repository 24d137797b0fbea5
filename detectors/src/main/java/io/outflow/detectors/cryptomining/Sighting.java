package io.outflow.detectors.cryptomining;

import io.outflow.detectors.alert.FlowEvidence;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one workload (node, address) did towards one destination: in one window, or summed over the revisions of an
 * open alert. The flows' common evidence ({@link FlowEvidence}) plus what is mining's own: event counts (duplicates
 * are already gone, by the state's eventId memory), stratum URLs, threat texts, the pool match and pool-port traffic.
 * Every field merges commutatively (sets, sums, min/max), so the result does not depend on arrival order. Sets are
 * bounded to the {@value #LIMIT} smallest members.
 */
final class Sighting {
    static final int LIMIT = 10;

    FlowEvidence flows = new FlowEvidence(LIMIT);
    long events;
    long allowed;
    long denied;
    final TreeSet<String> stratumUrls = new TreeSet<>();
    final TreeSet<String> threatTexts = new TreeSet<>();
    /** Pool-port traffic to bare addresses in this window, by "address:port": min time, max time, bytes, tuples. */
    final TreeMap<String, long[]> portTraffic = new TreeMap<>();
    String poolDomain;
    String poolSource;

    void add(EnrichedFlow flow, String poolMatch, String poolMatchSource, String stratumUrl, String threatText,
             boolean bareAddressOnPoolPort) {
        FlowEvent e = flow.getFlow();
        flows.add(flow);
        events++;
        if (e.getAction() == FlowAction.deny) {
            denied++;
        } else {
            allowed++;
        }
        FlowEvidence.keepSmallest(stratumUrls, stratumUrl, LIMIT);
        FlowEvidence.keepSmallest(threatTexts, threatText, LIMIT);
        if (poolMatch != null && (poolDomain == null || poolMatch.compareTo(poolDomain) < 0)) {
            poolDomain = poolMatch;
            poolSource = poolMatchSource;
        }
        if (bareAddressOnPoolPort) {
            long time = e.getTime().toEpochMilli();
            long bytes = Connection.carriesBytes(e) ? orZero(e.getBytesOut()) + orZero(e.getBytesIn()) : 0;
            long[] traffic = portTraffic.computeIfAbsent(e.getDestinationIp() + ":" + e.getDestinationPort(),
                    k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0});
            traffic[0] = Math.min(traffic[0], time);
            traffic[1] = Math.max(traffic[1], time);
            traffic[2] += bytes;
            traffic[3] += Connection.carriesBytes(e) ? 1 : 0;
        }
    }

    /** Folds another sighting of the same entity in (revisions widen the evidence). */
    void merge(Sighting o) {
        flows.merge(o.flows);
        events += o.events;
        allowed += o.allowed;
        denied += o.denied;
        o.stratumUrls.forEach(x -> FlowEvidence.keepSmallest(stratumUrls, x, LIMIT));
        o.threatTexts.forEach(x -> FlowEvidence.keepSmallest(threatTexts, x, LIMIT));
        if (o.poolDomain != null && (poolDomain == null || o.poolDomain.compareTo(poolDomain) < 0)) {
            poolDomain = o.poolDomain;
            poolSource = o.poolSource;
        }
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

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** Tags 1–3, 5–12, 18 and 19 held the flow evidence before state version 2 (now tag 22): never reuse them. */
    void write(StateOutput out) {
        out.writeLong(4, events);
        stratumUrls.forEach(x -> out.writeString(13, x));
        threatTexts.forEach(x -> out.writeString(14, x));
        portTraffic.forEach((k, v) -> out.writeMessage(15, m -> m.writeString(1, k).writeLong(2, v[0])
                .writeLong(3, v[1]).writeLong(4, v[2]).writeLong(5, v[3])));
        out.writeString(16, poolDomain).writeString(17, poolSource).writeLong(20, allowed).writeLong(21, denied)
                .writeMessage(22, flows::write);
    }

    static Sighting read(StateInput in) {
        Sighting s = new Sighting();
        while (in.next()) {
            switch (in.tag()) {
                case 4 -> s.events = in.readLong();
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
                case 20 -> s.allowed = in.readLong();
                case 21 -> s.denied = in.readLong();
                case 22 -> s.flows = FlowEvidence.read(in.readMessage(), LIMIT);
                default -> in.skip();
            }
        }
        return s;
    }
}
