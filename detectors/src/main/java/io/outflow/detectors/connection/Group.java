package io.outflow.detectors.connection;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.FlowEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sessions of one tuple whose events chain within {@code gap} of each other, whatever their addresses: the tuple's
 * events sorted by time, cut wherever two neighbours are more than {@code gap} apart. Sessions of different groups can
 * never merge or partner, so a group's connections depend on its own events only, and it closes as a whole.
 */
final class Group {
    private static final Comparator<Session> START_ORDER = Comparator.comparingLong((Session s) -> s.first)
            .thenComparing(s -> s.ip == null ? "" : s.ip);
    private static final Comparator<Session> WRITE_ORDER = Comparator.comparing((Session s) -> s.ip == null ? ""
            : s.ip).thenComparingLong(s -> s.first);

    final TupleKey tuple;
    private final List<Session> sessions = new ArrayList<>(2);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    /** Drained, closed early or merged into another group: the ledger's heaps skip it. */
    boolean closed;
    /** The next open group of the same tuple (the ledger's map holds the first). */
    Group next;
    private String order;

    Group(TupleKey tuple) {
        this.tuple = tuple;
    }

    /** The tuple's text, made on first use: only ties in time need it. */
    String order() {
        if (order == null) {
            order = tuple.text();
        }
        return order;
    }

    /** Whether an event at {@code time} is within {@code gap} of one of the group's events. */
    boolean near(long time, long gap) {
        return first - gap <= time && time <= last + gap;
    }

    /** Takes the sessions of another group of the tuple, which an event has just bridged to this one. */
    void takeOver(Group other) {
        sessions.addAll(other.sessions);
        first = Math.min(first, other.first);
        last = Math.max(last, other.last);
    }

    /**
     * Folds an event in: into the session of its address it is within {@code gap} of, merging the sessions of that
     * address it bridges, else as a session of its own.
     */
    void add(FlowEvent e, long time, long gap) {
        String ip = e.getDestinationIp();
        Session target = null;
        for (Session s : sessions) {
            if (Objects.equals(s.ip, ip) && s.near(time, gap)) {
                target = s;
                break;
            }
        }
        if (target == null) {
            sessions.add(Session.of(e, time));
        } else {
            target.add(e, time);
            mergeSessionsNear(target, gap);
        }
        first = Math.min(first, time);
        last = Math.max(last, time);
    }

    private void mergeSessionsNear(Session target, long gap) {
        boolean merged = true;
        while (merged) {
            merged = false;
            for (int i = sessions.size() - 1; i >= 0; i--) {
                Session s = sessions.get(i);
                if (s != target && Objects.equals(s.ip, target.ip) && target.near(s, gap)) {
                    target.merge(s);
                    sessions.remove(i);
                    merged = true;
                }
            }
        }
    }

    /**
     * The group's connections, by (first, address): each session without an address joins the session with one that
     * is within {@code gap} of it and starts closest in time to it (ties: the smaller address), else stands alone.
     */
    List<Connection> close(long gap) {
        List<Session> withIp = new ArrayList<>(sessions.size());
        List<Session> withoutIp = new ArrayList<>(1);
        for (Session s : sessions) {
            (s.ip == null ? withoutIp : withIp).add(s);
        }
        withIp.sort(START_ORDER);
        withoutIp.sort(START_ORDER);
        List<Session> alone = new ArrayList<>();
        Map<Session, List<Session>> partners = new HashMap<>();
        for (Session named : withoutIp) {
            Session best = null;
            long bestDistance = Long.MAX_VALUE;
            for (Session candidate : withIp) {
                if (!named.near(candidate, gap)) {
                    continue;
                }
                long distance = Math.abs(named.first - candidate.first);
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
        List<Session> result = new ArrayList<>(withIp.size() + alone.size());
        for (Session s : withIp) {
            for (Session partner : partners.getOrDefault(s, List.of())) {
                s.merge(partner);
            }
            result.add(s);
        }
        result.addAll(alone);
        result.sort(START_ORDER);
        List<Connection> connections = new ArrayList<>(result.size());
        for (Session s : result) {
            connections.add(s.toConnection(tuple));
        }
        return connections;
    }

    /**
     * Writes a tuple: its key and the sessions of {@code head} and the groups chained after it, by (address, first).
     * Groups are not written: {@link #readTuple} finds them again from the sessions.
     */
    static void writeTuple(StateOutput out, Group head) {
        TupleKey tuple = head.tuple;
        out.writeString(1, tuple.cluster()).writeString(2, tuple.sourceIp()).writeInt(3, tuple.sourcePort())
                .writeInt(4, tuple.destinationPort()).writeString(5, tuple.protocol());
        List<Session> sorted = new ArrayList<>();
        for (Group g = head; g != null; g = g.next) {
            sorted.addAll(g.sessions);
        }
        sorted.sort(WRITE_ORDER);
        for (Session s : sorted) {
            out.writeMessage(6, s::write);
        }
    }

    /** Reads what {@link #writeTuple} wrote: the tuple's groups, chained by time. */
    static Group readTuple(StateInput in, long gap) {
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
        TupleKey tuple = new TupleKey(cluster, sourceIp, sourcePort, destinationPort, protocol);
        sessions.sort(START_ORDER);
        Group head = null;
        Group tail = null;
        for (Session s : sessions) {
            // sorted by start, a session belongs to the current group iff it starts within gap of its latest event
            if (tail == null || s.first > tail.last + gap) {
                Group group = new Group(tuple);
                if (tail == null) {
                    head = group;
                } else {
                    tail.next = group;
                }
                tail = group;
            }
            tail.sessions.add(s);
            tail.first = Math.min(tail.first, s.first);
            tail.last = Math.max(tail.last, s.last);
        }
        return head;
    }
}
