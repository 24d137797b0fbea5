package io.outflow.detectors.connection;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts a connection once however many logs saw it (DESIGN.md), deterministically: the result depends on the set of
 * events absorbed, never on their arrival order or on how the watermark advanced.
 *
 * <p>The rule. Events are grouped by their tuple (cluster, sourceIp, sourcePort, destinationPort, protocol). Within a
 * tuple, events with the same destination address (or both without one) whose times lie within {@code gap} of each
 * other, transitively, are one session. When the tuple is final (the watermark is past its last event plus
 * {@code gap}: no on-time event can join it any more), each session without an address (firewall application-rule
 * records name the host only) joins the session with an address that is within {@code gap} of it and starts closest
 * in time to it (ties: the smaller address); sessions left without a partner stand alone. Each session is then one
 * {@link Connection}, counted at its earliest event time, its bytes summed from flow tuples and Hubble flows only, its
 * name and action from firewall records.
 *
 * <p>Use: absorb every on-time, not yet seen event ({@link io.outflow.detectors.dedup.SeenEvents} keeps duplicates
 * out: the ledger sums), call {@link #drainClosed} from {@code advance} and fold what it returns, and include
 * {@link #nextDeadline} in the detector's deadline. Connections come out in closing order (last event, then tuple),
 * which is the same however the watermark advanced.
 *
 * <p>Bounds: at most {@code maxTuples} open tuples; past that the tuple with the earliest last event is closed early
 * (returned by the next drain; a later event of it would count again). A long-lived connection whose tuples keep
 * coming within {@code gap} stays one open tuple until it ends.
 */
public final class ConnectionLedger {
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_TUPLES = 20_000;
    static final int SAMPLE = 5;

    private static final Comparator<Bucket> CLOSING_ORDER =
            Comparator.comparing((Bucket b) -> b.last).thenComparing(b -> b.key);
    private static final Comparator<Bucket> START_ORDER =
            Comparator.comparing((Bucket b) -> b.first).thenComparing(b -> b.key);

    private final Duration gap;
    private final int maxTuples;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final TreeSet<Bucket> byLast = new TreeSet<>(CLOSING_ORDER);
    private final TreeSet<Bucket> byFirst = new TreeSet<>(START_ORDER);
    private final List<Connection> closedEarly = new ArrayList<>();

    public ConnectionLedger() {
        this(DEFAULT_GAP, DEFAULT_MAX_TUPLES);
    }

    public ConnectionLedger(Duration gap, int maxTuples) {
        if (gap.isNegative() || maxTuples < 1) {
            throw new IllegalArgumentException("gap must be ≥ 0 and maxTuples ≥ 1");
        }
        this.gap = gap;
        this.maxTuples = maxTuples;
    }

    public Duration gap() {
        return gap;
    }

    /** Folds one event in (ignores events that {@link Connection#counts} rejects). */
    public void absorb(FlowEvent event) {
        if (!Connection.counts(event)) {
            return;
        }
        String cluster = event.getCluster() == null ? "" : event.getCluster();
        String sourceIp = event.getSourceIp() == null ? "" : event.getSourceIp();
        int sourcePort = event.getSourcePort() == null ? -1 : event.getSourcePort();
        int destinationPort = event.getDestinationPort() == null ? -1 : event.getDestinationPort();
        String protocol = event.getProtocol() == null ? "" : event.getProtocol();
        String key = cluster + "|" + sourceIp + "|" + sourcePort + "|" + destinationPort + "|" + protocol;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = new Bucket(key, cluster, sourceIp, sourcePort, destinationPort, protocol);
            buckets.put(key, bucket);
        } else {
            byLast.remove(bucket);
            byFirst.remove(bucket);
        }
        bucket.add(Session.of(event), gap);
        byLast.add(bucket);
        byFirst.add(bucket);
        while (buckets.size() > maxTuples) {
            Bucket oldest = byLast.pollFirst();
            byFirst.remove(oldest);
            buckets.remove(oldest.key);
            closedEarly.addAll(oldest.close(gap));
        }
    }

    /** The connections of every tuple whose last event is more than {@code gap} before the watermark. */
    public List<Connection> drainClosed(Instant watermark) {
        List<Connection> out = new ArrayList<>(closedEarly);
        closedEarly.clear();
        while (!byLast.isEmpty() && byLast.first().last.plus(gap).isBefore(watermark)) {
            Bucket bucket = byLast.pollFirst();
            byFirst.remove(bucket);
            buckets.remove(bucket.key);
            out.addAll(bucket.close(gap));
        }
        return out;
    }

    /**
     * The earliest event time of any open tuple: a connection drained later is counted at or after this time. A
     * detector may finalise a window ending at or before it (and before the watermark).
     */
    public Optional<Instant> earliestOpenStart() {
        if (!closedEarly.isEmpty()) {
            return Optional.of(Instant.MIN);
        }
        return byFirst.isEmpty() ? Optional.empty() : Optional.of(byFirst.first().first);
    }

    /** The earliest watermark at which {@link #drainClosed} has something to return. */
    public Optional<Instant> nextDeadline() {
        if (!closedEarly.isEmpty()) {
            return Optional.of(Instant.MIN);
        }
        return byLast.isEmpty() ? Optional.empty() : Optional.of(byLast.first().last.plus(gap).plusMillis(1));
    }

    public int openTuples() {
        return buckets.size();
    }

    public boolean isEmpty() {
        return buckets.isEmpty() && closedEarly.isEmpty();
    }

    /** Writes open tuples sorted by key (tag 1 each); connections closed early but not drained are closed again. */
    public void write(StateOutput out) {
        for (Bucket bucket : new TreeMap<>(buckets).values()) {
            out.writeMessage(1, bucket::write);
        }
    }

    public static ConnectionLedger read(StateInput in, Duration gap, int maxTuples) {
        ConnectionLedger ledger = new ConnectionLedger(gap, maxTuples);
        while (in.next()) {
            if (in.tag() == 1) {
                Bucket bucket = Bucket.read(in.readMessage());
                ledger.buckets.put(bucket.key, bucket);
                ledger.byLast.add(bucket);
                ledger.byFirst.add(bucket);
            } else {
                in.skip();
            }
        }
        return ledger;
    }

    /** The events of one tuple: sessions by destination address. */
    private static final class Bucket {
        final String key;
        final String cluster;
        final String sourceIp;
        final int sourcePort;
        final int destinationPort;
        final String protocol;
        final List<Session> sessions = new ArrayList<>(2);
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;

        Bucket(String key, String cluster, String sourceIp, int sourcePort, int destinationPort, String protocol) {
            this.key = key;
            this.cluster = cluster;
            this.sourceIp = sourceIp;
            this.sourcePort = sourcePort;
            this.destinationPort = destinationPort;
            this.protocol = protocol;
        }

        void add(Session session, Duration gap) {
            boolean merged = true;
            while (merged) {
                merged = false;
                Iterator<Session> it = sessions.iterator();
                while (it.hasNext()) {
                    Session other = it.next();
                    if (Objects.equals(other.ip, session.ip) && session.near(other, gap)) {
                        session.merge(other);
                        it.remove();
                        merged = true;
                    }
                }
            }
            sessions.add(session);
            if (session.last.isAfter(last)) {
                last = session.last;
            }
            if (session.first.isBefore(first)) {
                first = session.first;
            }
        }

        List<Connection> close(Duration gap) {
            List<Session> withIp = new ArrayList<>();
            List<Session> withoutIp = new ArrayList<>();
            for (Session s : sessions) {
                (s.ip == null ? withoutIp : withIp).add(s);
            }
            Comparator<Session> order = Comparator.comparing((Session s) -> s.first)
                    .thenComparing(s -> s.ip == null ? "" : s.ip);
            withIp.sort(order);
            withoutIp.sort(order);
            List<Session> alone = new ArrayList<>();
            Map<Session, List<Session>> partners = new HashMap<>();
            for (Session named : withoutIp) {
                Session best = null;
                long bestDistance = Long.MAX_VALUE;
                for (Session candidate : withIp) {
                    if (!named.near(candidate, gap)) {
                        continue;
                    }
                    long distance = Math.abs(Duration.between(named.first, candidate.first).toMillis());
                    if (distance < bestDistance || (distance == bestDistance && candidate.ip.compareTo(best.ip) < 0)) {
                        best = candidate;
                        bestDistance = distance;
                    }
                }
                if (best == null) {
                    alone.add(named);
                } else {
                    partners.computeIfAbsent(best, k -> new ArrayList<>()).add(named);
                }
            }
            List<Session> result = new ArrayList<>();
            for (Session s : withIp) {
                for (Session partner : partners.getOrDefault(s, List.of())) {
                    s.merge(partner);
                }
                result.add(s);
            }
            result.addAll(alone);
            result.sort(order);
            List<Connection> connections = new ArrayList<>(result.size());
            for (Session s : result) {
                connections.add(s.toConnection(this));
            }
            return connections;
        }

        void write(StateOutput out) {
            out.writeString(1, cluster).writeString(2, sourceIp).writeInt(3, sourcePort).writeInt(4, destinationPort)
                    .writeString(5, protocol);
            List<Session> sorted = new ArrayList<>(sessions);
            sorted.sort(Comparator.comparing((Session s) -> s.ip == null ? "" : s.ip).thenComparing(s -> s.first));
            for (Session s : sorted) {
                out.writeMessage(6, s::write);
            }
        }

        static Bucket read(StateInput in) {
            String cluster = "";
            String sourceIp = "";
            int sourcePort = -1;
            int destinationPort = -1;
            String protocol = "";
            List<Session> sessions = new ArrayList<>();
            while (in.next()) {
                switch (in.tag()) {
                    case 1 -> cluster = in.readString();
                    case 2 -> sourceIp = in.readString();
                    case 3 -> sourcePort = in.readInt();
                    case 4 -> destinationPort = in.readInt();
                    case 5 -> protocol = in.readString();
                    case 6 -> sessions.add(Session.read(in.readMessage()));
                    default -> in.skip();
                }
            }
            String key = cluster + "|" + sourceIp + "|" + sourcePort + "|" + destinationPort + "|" + protocol;
            Bucket bucket = new Bucket(key, cluster, sourceIp, sourcePort, destinationPort, protocol);
            for (Session s : sessions) {
                bucket.sessions.add(s);
                if (s.last.isAfter(bucket.last)) {
                    bucket.last = s.last;
                }
                if (s.first.isBefore(bucket.first)) {
                    bucket.first = s.first;
                }
            }
            return bucket;
        }
    }

    /** The merged facts of events of one tuple and destination address, close in time. */
    private static final class Session {
        String ip;
        Instant first;
        Instant last;
        String fqdn;
        FlowAction action;
        long bytesOut;
        long bytesIn;
        long packetsOut;
        long packetsIn;
        int events;
        boolean firewallSeen;
        boolean flowSeen;
        String firewallResourceId;
        String flowResourceId;
        final TreeSet<String> categories = new TreeSet<>();
        final TreeSet<String> sample = new TreeSet<>();

        static Session of(FlowEvent e) {
            Session s = new Session();
            s.ip = e.getDestinationIp();
            s.first = e.getTime();
            s.last = e.getTime();
            s.action = e.getAction();
            s.events = 1;
            boolean firewall = Connection.isFirewall(e);
            if (firewall) {
                s.firewallSeen = true;
                s.fqdn = e.getDestinationFqdn();
                s.firewallResourceId = e.getResourceId();
            } else {
                s.flowSeen = true;
                s.flowResourceId = e.getResourceId();
            }
            if (Connection.carriesBytes(e)) {
                s.bytesOut = orZero(e.getBytesOut());
                s.bytesIn = orZero(e.getBytesIn());
                s.packetsOut = orZero(e.getPacketsOut());
                s.packetsIn = orZero(e.getPacketsIn());
            }
            s.categories.add(e.getCategory());
            s.sample.add(e.getEventId());
            return s;
        }

        boolean near(Session other, Duration gap) {
            return !first.isAfter(other.last.plus(gap)) && !other.first.isAfter(last.plus(gap));
        }

        void merge(Session o) {
            first = first.isBefore(o.first) ? first : o.first;
            last = last.isAfter(o.last) ? last : o.last;
            fqdn = smaller(fqdn, o.fqdn);
            action = stronger(action, o.action);
            bytesOut += o.bytesOut;
            bytesIn += o.bytesIn;
            packetsOut += o.packetsOut;
            packetsIn += o.packetsIn;
            events += o.events;
            firewallSeen |= o.firewallSeen;
            flowSeen |= o.flowSeen;
            firewallResourceId = smaller(firewallResourceId, o.firewallResourceId);
            flowResourceId = smaller(flowResourceId, o.flowResourceId);
            categories.addAll(o.categories);
            sample.addAll(o.sample);
            while (sample.size() > SAMPLE) {
                sample.pollLast();
            }
        }

        Connection toConnection(Bucket b) {
            return new Connection(b.cluster, b.sourceIp, b.sourcePort, b.destinationPort, b.protocol, ip, fqdn, first,
                    last, action, bytesOut, bytesIn, packetsOut, packetsIn, events, firewallSeen, flowSeen,
                    firewallResourceId != null ? firewallResourceId : flowResourceId,
                    Collections.unmodifiableSortedSet(new TreeSet<>(categories)), List.copyOf(sample));
        }

        void write(StateOutput out) {
            out.writeString(1, ip).writeInstant(2, first).writeInstant(3, last).writeString(4, fqdn)
                    .writeEnum(5, action).writeLong(6, bytesOut).writeLong(7, bytesIn).writeLong(8, packetsOut)
                    .writeLong(9, packetsIn).writeInt(10, events).writeBoolean(11, firewallSeen)
                    .writeBoolean(12, flowSeen).writeString(13, firewallResourceId).writeString(14, flowResourceId);
            categories.forEach(c -> out.writeString(15, c));
            sample.forEach(id -> out.writeString(16, id));
        }

        static Session read(StateInput in) {
            Session s = new Session();
            s.first = Instant.EPOCH;
            s.last = Instant.EPOCH;
            while (in.next()) {
                switch (in.tag()) {
                    case 1 -> s.ip = in.readString();
                    case 2 -> s.first = in.readInstant();
                    case 3 -> s.last = in.readInstant();
                    case 4 -> s.fqdn = in.readString();
                    case 5 -> s.action = in.readEnum(FlowAction.values(), null);
                    case 6 -> s.bytesOut = in.readLong();
                    case 7 -> s.bytesIn = in.readLong();
                    case 8 -> s.packetsOut = in.readLong();
                    case 9 -> s.packetsIn = in.readLong();
                    case 10 -> s.events = in.readInt();
                    case 11 -> s.firewallSeen = in.readBoolean();
                    case 12 -> s.flowSeen = in.readBoolean();
                    case 13 -> s.firewallResourceId = in.readString();
                    case 14 -> s.flowResourceId = in.readString();
                    case 15 -> s.categories.add(in.readString());
                    case 16 -> s.sample.add(in.readString());
                    default -> in.skip();
                }
            }
            return s;
        }

        private static long orZero(Long value) {
            return value == null ? 0 : value;
        }

        private static String smaller(String a, String b) {
            if (a == null) {
                return b;
            }
            return b == null || a.compareTo(b) <= 0 ? a : b;
        }

        private static FlowAction stronger(FlowAction a, FlowAction b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return rank(a) >= rank(b) ? a : b;
        }

        private static int rank(FlowAction action) {
            return switch (action) {
                case allow -> 0;
                case alert -> 1;
                case deny -> 2;
            };
        }
    }
}
