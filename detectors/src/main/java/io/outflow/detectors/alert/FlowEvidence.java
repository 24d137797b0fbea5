package io.outflow.detectors.alert;

import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the flows behind one finding showed, for its alert: the earliest flow's identity, the first and last event
 * time, the {@code limit} smallest eventIds, pods, source addresses, destination names, addresses, ports and
 * protocols, every log category, and the smallest firewall and other resource IDs.
 *
 * <p>Every field is a set, a minimum or a maximum, so folding is commutative and idempotent: the result depends
 * neither on arrival order nor on duplicate deliveries. Counts are left to the detector, because whether a duplicate
 * may count depends on whether the detector removed duplicates first. Mutable.
 */
public final class FlowEvidence {
    private final int limit;
    private IdentitySnapshot identity;
    private Instant firstEventTime;
    private Instant lastEventTime;
    private final TreeSet<String> sampleEventIds = new TreeSet<>();
    private final TreeSet<String> pods = new TreeSet<>();
    private final TreeSet<String> sourceIps = new TreeSet<>();
    private final TreeSet<String> fqdns = new TreeSet<>();
    private final TreeSet<String> destinationIps = new TreeSet<>();
    private final TreeSet<Integer> ports = new TreeSet<>();
    private final TreeSet<String> protocols = new TreeSet<>();
    /** Not bounded: there are only a handful of log categories, and the KQL needs every one of their tables. */
    private final TreeSet<String> categories = new TreeSet<>();
    private String firewallResourceId;
    private String otherResourceId;

    /** @param limit how many of each sampled value (eventIds, pods, addresses, names, ports, protocols) are kept */
    public FlowEvidence(int limit) {
        this.limit = limit;
    }

    public void add(EnrichedFlow flow) {
        FlowEvent e = flow.getFlow();
        Instant t = e.getTime();
        // compared before building a snapshot: only an earlier flow (or an equal time with a smaller eventId) wins
        if (identity == null || t.isBefore(identity.time())
                || (t.equals(identity.time()) && e.getEventId().compareTo(identity.eventId()) < 0)) {
            identity = IdentitySnapshot.of(flow);
        }
        firstEventTime = firstEventTime == null || t.isBefore(firstEventTime) ? t : firstEventTime;
        lastEventTime = lastEventTime == null || t.isAfter(lastEventTime) ? t : lastEventTime;
        keepSmallest(sampleEventIds, e.getEventId(), limit);
        if (flow.getSource() != null) {
            keepSmallest(pods, flow.getSource().getPod(), limit);
        }
        keepSmallest(sourceIps, e.getSourceIp(), limit);
        keepSmallest(fqdns, e.getDestinationFqdn(), limit);
        keepSmallest(destinationIps, e.getDestinationIp(), limit);
        keepSmallest(ports, e.getDestinationPort(), limit);
        keepSmallest(protocols, e.getProtocol(), limit);
        categories.add(e.getCategory());
        if (Connection.isFirewall(e)) {
            firewallResourceId = smaller(firewallResourceId, e.getResourceId());
        } else {
            otherResourceId = smaller(otherResourceId, e.getResourceId());
        }
    }

    /** Folds the evidence of other flows of the same finding in (an alert's revisions widen its evidence). */
    public void merge(FlowEvidence other) {
        identity = IdentitySnapshot.earliest(identity, other.identity);
        if (other.firstEventTime != null && (firstEventTime == null || other.firstEventTime.isBefore(firstEventTime))) {
            firstEventTime = other.firstEventTime;
        }
        if (other.lastEventTime != null && (lastEventTime == null || other.lastEventTime.isAfter(lastEventTime))) {
            lastEventTime = other.lastEventTime;
        }
        other.sampleEventIds.forEach(x -> keepSmallest(sampleEventIds, x, limit));
        other.pods.forEach(x -> keepSmallest(pods, x, limit));
        other.sourceIps.forEach(x -> keepSmallest(sourceIps, x, limit));
        other.fqdns.forEach(x -> keepSmallest(fqdns, x, limit));
        other.destinationIps.forEach(x -> keepSmallest(destinationIps, x, limit));
        other.ports.forEach(x -> keepSmallest(ports, x, limit));
        other.protocols.forEach(x -> keepSmallest(protocols, x, limit));
        categories.addAll(other.categories);
        firewallResourceId = smaller(firewallResourceId, other.firewallResourceId);
        otherResourceId = smaller(otherResourceId, other.otherResourceId);
    }

    public FlowEvidence copy() {
        FlowEvidence copy = new FlowEvidence(limit);
        copy.merge(this);
        return copy;
    }

    /** The earliest flow's identity (time, then eventId); null before any flow. */
    public IdentitySnapshot identity() {
        return identity;
    }

    public Instant firstEventTime() {
        return firstEventTime;
    }

    public Instant lastEventTime() {
        return lastEventTime;
    }

    public SortedSet<String> sampleEventIds() {
        return Collections.unmodifiableSortedSet(sampleEventIds);
    }

    public SortedSet<String> pods() {
        return Collections.unmodifiableSortedSet(pods);
    }

    public SortedSet<String> sourceIps() {
        return Collections.unmodifiableSortedSet(sourceIps);
    }

    public SortedSet<String> fqdns() {
        return Collections.unmodifiableSortedSet(fqdns);
    }

    public SortedSet<String> destinationIps() {
        return Collections.unmodifiableSortedSet(destinationIps);
    }

    public SortedSet<Integer> ports() {
        return Collections.unmodifiableSortedSet(ports);
    }

    public SortedSet<String> protocols() {
        return Collections.unmodifiableSortedSet(protocols);
    }

    public SortedSet<String> categories() {
        return Collections.unmodifiableSortedSet(categories);
    }

    /** The smallest destination name, the one an alert's {@code destinationFqdn} gives; null when none. */
    public String firstFqdn() {
        return fqdns.isEmpty() ? null : fqdns.first();
    }

    public String firstDestinationIp() {
        return destinationIps.isEmpty() ? null : destinationIps.first();
    }

    public Integer firstPort() {
        return ports.isEmpty() ? null : ports.first();
    }

    public String firstProtocol() {
        return protocols.isEmpty() ? null : protocols.first();
    }

    /** The firewall that logged the flows, else the flow log's resource (the VNet); null when no flow named one. */
    public String resourceId() {
        return firewallResourceId != null ? firewallResourceId : otherResourceId;
    }

    /** The smallest resource ID of the firewall records only; null when no firewall logged the flows. */
    public String firewallResourceId() {
        return firewallResourceId;
    }

    /** A query for the raw rows: the flows' tables, source addresses and time span; the detector adds the destination. */
    public RawRowsQuery rawRows() {
        return RawRowsQuery.create().categories(categories).sourceIps(sourceIps).between(firstEventTime,
                lastEventTime);
    }

    /**
     * Adds {@code value} (unless null) and keeps only the {@code limit} smallest values: a bounded sample that does not
     * depend on arrival order.
     */
    public static <T extends Comparable<T>> void keepSmallest(TreeSet<T> set, T value, int limit) {
        if (value == null || (set.size() >= limit && value.compareTo(set.last()) >= 0)) {
            return;
        }
        set.add(value);
        if (set.size() > limit) {
            set.pollLast();
        }
    }

    private static String smaller(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** Writes the evidence as a nested message; sets in order, so equal evidence gives equal bytes. */
    public void write(StateOutput out) {
        if (identity != null) {
            out.writeMessage(1, identity::write);
        }
        out.writeInstant(2, firstEventTime).writeInstant(3, lastEventTime);
        sampleEventIds.forEach(x -> out.writeString(4, x));
        pods.forEach(x -> out.writeString(5, x));
        sourceIps.forEach(x -> out.writeString(6, x));
        fqdns.forEach(x -> out.writeString(7, x));
        destinationIps.forEach(x -> out.writeString(8, x));
        ports.forEach(x -> out.writeInt(9, x));
        protocols.forEach(x -> out.writeString(10, x));
        categories.forEach(x -> out.writeString(11, x));
        out.writeString(12, firewallResourceId).writeString(13, otherResourceId);
    }

    /** Reads what {@link #write} wrote; a smaller {@code limit} than the writer's keeps the smallest values. */
    public static FlowEvidence read(StateInput in, int limit) {
        FlowEvidence f = new FlowEvidence(limit);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> f.identity = IdentitySnapshot.read(in.readMessage());
                case 2 -> f.firstEventTime = in.readInstant();
                case 3 -> f.lastEventTime = in.readInstant();
                case 4 -> keepSmallest(f.sampleEventIds, in.readString(), limit);
                case 5 -> keepSmallest(f.pods, in.readString(), limit);
                case 6 -> keepSmallest(f.sourceIps, in.readString(), limit);
                case 7 -> keepSmallest(f.fqdns, in.readString(), limit);
                case 8 -> keepSmallest(f.destinationIps, in.readString(), limit);
                case 9 -> keepSmallest(f.ports, in.readInt(), limit);
                case 10 -> keepSmallest(f.protocols, in.readString(), limit);
                case 11 -> f.categories.add(in.readString());
                case 12 -> f.firewallResourceId = in.readString();
                case 13 -> f.otherResourceId = in.readString();
                default -> in.skip();
            }
        }
        return f;
    }
}
