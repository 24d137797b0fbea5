package io.outflow.detectors.newfqdn;

import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workload's contacts with one registered domain within one window. Idempotent: every field is a set, a minimum or
 * a maximum, and the event count counts distinct eventIds (up to {@link #COUNT_CAP}), so a duplicate delivery changes
 * nothing and arrival order does not matter.
 */
final class Contact {
    static final int COUNT_CAP = 256;

    IdentitySnapshot identity;
    Instant first;
    Instant last;
    final Set<String> eventIds = new HashSet<>();
    boolean countCapped;
    final TreeSet<String> sampleEventIds = new TreeSet<>();
    final TreeSet<String> fqdns = new TreeSet<>();
    final TreeSet<String> destinationIps = new TreeSet<>();
    final TreeSet<Integer> ports = new TreeSet<>();
    final TreeSet<String> protocols = new TreeSet<>();
    final TreeSet<String> pods = new TreeSet<>();
    final TreeSet<String> sourceIps = new TreeSet<>();
    final TreeSet<String> categories = new TreeSet<>();
    String resourceId;
    boolean anyAllowed;
    boolean anyDenied;

    void add(EnrichedFlow flow, int samples) {
        FlowEvent e = flow.getFlow();
        Instant t = e.getTime();
        if (identity == null || t.isBefore(identity.time())
                || (t.equals(identity.time()) && e.getEventId().compareTo(identity.eventId()) < 0)) {
            identity = IdentitySnapshot.of(flow);
        }
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
        if (eventIds.size() < COUNT_CAP) {
            eventIds.add(e.getEventId());
        } else if (!eventIds.contains(e.getEventId())) {
            countCapped = true;
        }
        bounded(sampleEventIds, e.getEventId(), samples);
        bounded(fqdns, e.getDestinationFqdn(), samples);
        bounded(destinationIps, e.getDestinationIp(), samples);
        bounded(ports, e.getDestinationPort(), samples);
        bounded(protocols, e.getProtocol(), samples);
        bounded(pods, flow.getSource() == null ? null : flow.getSource().getPod(), samples);
        bounded(sourceIps, e.getSourceIp(), samples);
        categories.add(e.getCategory());
        if (Connection.isFirewall(e) && e.getResourceId() != null
                && (resourceId == null || e.getResourceId().compareTo(resourceId) < 0)) {
            resourceId = e.getResourceId();
        }
        if (e.getAction() == FlowAction.deny) {
            anyDenied = true;
        } else {
            anyAllowed = true;
        }
    }

    private static <T extends Comparable<T>> void bounded(TreeSet<T> set, T value, int limit) {
        if (value == null || (set.size() >= limit && value.compareTo(set.last()) >= 0)) {
            return;
        }
        set.add(value);
        if (set.size() > limit) {
            set.pollLast();
        }
    }

    void write(StateOutput out) {
        if (identity != null) {
            out.writeMessage(1, identity::write);
        }
        out.writeInstant(2, first).writeInstant(3, last);
        new TreeSet<>(eventIds).forEach(id -> out.writeString(4, id));
        out.writeBoolean(5, countCapped);
        sampleEventIds.forEach(x -> out.writeString(6, x));
        fqdns.forEach(x -> out.writeString(7, x));
        destinationIps.forEach(x -> out.writeString(8, x));
        ports.forEach(x -> out.writeInt(9, x));
        protocols.forEach(x -> out.writeString(10, x));
        pods.forEach(x -> out.writeString(11, x));
        sourceIps.forEach(x -> out.writeString(12, x));
        categories.forEach(x -> out.writeString(13, x));
        out.writeString(14, resourceId).writeBoolean(15, anyAllowed).writeBoolean(16, anyDenied);
    }

    static Contact read(StateInput in) {
        Contact c = new Contact();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> c.identity = IdentitySnapshot.read(in.readMessage());
                case 2 -> c.first = in.readInstant();
                case 3 -> c.last = in.readInstant();
                case 4 -> c.eventIds.add(in.readString());
                case 5 -> c.countCapped = in.readBoolean();
                case 6 -> c.sampleEventIds.add(in.readString());
                case 7 -> c.fqdns.add(in.readString());
                case 8 -> c.destinationIps.add(in.readString());
                case 9 -> c.ports.add(in.readInt());
                case 10 -> c.protocols.add(in.readString());
                case 11 -> c.pods.add(in.readString());
                case 12 -> c.sourceIps.add(in.readString());
                case 13 -> c.categories.add(in.readString());
                case 14 -> c.resourceId = in.readString();
                case 15 -> c.anyAllowed = in.readBoolean();
                case 16 -> c.anyDenied = in.readBoolean();
                default -> in.skip();
            }
        }
        return c;
    }
}
