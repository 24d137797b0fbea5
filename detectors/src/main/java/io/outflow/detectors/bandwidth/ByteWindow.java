package io.outflow.detectors.bandwidth;

import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.alert.FlowEvidence;
import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bytes one key sent in one open window, and what an alert about it needs: bytes per destination (the registered
 * domain, else the address; up to a cap, the rest summed as other), event count and times, the smallest eventIds,
 * categories, pods and source addresses (capped), the earliest flow's identity. Everything but the capped destination
 * table is independent of the order flows arrive in; the table is exact while a window has at most
 * {@code maxDestinations} destinations.
 */
final class ByteWindow {
    static final int MAX_LISTED = 16;

    long bytes;
    long events;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long otherBytes;
    final TreeMap<String, Long> destinations = new TreeMap<>();
    final TreeSet<String> eventIds = new TreeSet<>();
    final TreeSet<String> categories = new TreeSet<>();
    final TreeSet<String> pods = new TreeSet<>();
    final TreeSet<String> sourceIps = new TreeSet<>();
    final TreeSet<String> resourceIds = new TreeSet<>();
    IdentitySnapshot identity;

    void add(EnrichedFlow flow, long count, int maxDestinations) {
        FlowEvent e = flow.getFlow();
        long t = e.getTime().toEpochMilli();
        bytes += count;
        events++;
        first = Math.min(first, t);
        last = Math.max(last, t);
        String destination = SourceEntity.destinationOf(flow);
        if (destination == null) {
            destination = "unknown";
        }
        Long known = destinations.get(destination);
        if (known != null) {
            destinations.put(destination, known + count);
        } else if (destinations.size() < maxDestinations) {
            destinations.put(destination, count);
        } else {
            otherBytes += count;
        }
        FlowEvidence.keepSmallest(eventIds, e.getEventId(), Evidence.SAMPLE_EVENT_IDS);
        categories.add(e.getCategory());
        if (flow.getSource() != null) {
            FlowEvidence.keepSmallest(pods, flow.getSource().getPod(), MAX_LISTED);
        }
        FlowEvidence.keepSmallest(sourceIps, e.getSourceIp(), MAX_LISTED);
        FlowEvidence.keepSmallest(resourceIds, e.getResourceId(), 4);
        if (identity == null || t <= identity.time().toEpochMilli()) { // only an earlier (or tied) flow can win
            identity = IdentitySnapshot.earliest(identity, IdentitySnapshot.of(flow));
        }
    }

    /** The destinations by bytes (descending, then name), at most {@code limit}. */
    List<Map.Entry<String, Long>> top(int limit) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(destinations.entrySet());
        all.sort((a, b) -> {
            int c = Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : a.getKey().compareTo(b.getKey());
        });
        return all.subList(0, Math.min(limit, all.size()));
    }

    void write(StateOutput out) {
        out.writeLong(1, bytes).writeLong(2, events).writeLong(3, first).writeLong(4, last).writeLong(5, otherBytes);
        for (Map.Entry<String, Long> d : destinations.entrySet()) {
            out.writeMessage(6, m -> m.writeString(1, d.getKey()).writeLong(2, d.getValue()));
        }
        eventIds.forEach(id -> out.writeString(7, id));
        categories.forEach(c -> out.writeString(8, c));
        pods.forEach(p -> out.writeString(9, p));
        sourceIps.forEach(ip -> out.writeString(10, ip));
        resourceIds.forEach(r -> out.writeString(11, r));
        if (identity != null) {
            out.writeMessage(12, identity::write);
        }
    }

    static ByteWindow read(StateInput in) {
        ByteWindow w = new ByteWindow();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> w.bytes = in.readLong();
                case 2 -> w.events = in.readLong();
                case 3 -> w.first = in.readLong();
                case 4 -> w.last = in.readLong();
                case 5 -> w.otherBytes = in.readLong();
                case 6 -> {
                    StateInput m = in.readMessage();
                    String name = null;
                    long value = 0;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> name = m.readString();
                            case 2 -> value = m.readLong();
                            default -> m.skip();
                        }
                    }
                    if (name != null) {
                        w.destinations.put(name, value);
                    }
                }
                case 7 -> w.eventIds.add(in.readString());
                case 8 -> w.categories.add(in.readString());
                case 9 -> w.pods.add(in.readString());
                case 10 -> w.sourceIps.add(in.readString());
                case 11 -> w.resourceIds.add(in.readString());
                case 12 -> w.identity = IdentitySnapshot.read(in.readMessage());
                default -> in.skip();
            }
        }
        return w;
    }

    Instant firstInstant() {
        return Instant.ofEpochMilli(first);
    }

    Instant lastInstant() {
        return Instant.ofEpochMilli(last);
    }
}
