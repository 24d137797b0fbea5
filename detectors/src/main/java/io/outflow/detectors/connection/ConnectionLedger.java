package io.outflow.detectors.connection;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.FlowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts a connection once however many logs saw it (DESIGN.md), deterministically: the result depends on the set of
 * events absorbed, never on their arrival order or on how the watermark advanced.
 *
 * <p>The rule. Events are grouped by their tuple (cluster, sourceIp, sourcePort, destinationPort, protocol). Within a
 * tuple, events with the same destination address (or both without one) whose times lie within {@code gap} of each
 * other, transitively, are one session. Sessions whose spans lie within {@code gap} of each other, transitively and
 * whatever their addresses, are one group: the tuple's events sorted by time, cut wherever two neighbours are more
 * than {@code gap} apart. A group is final once the watermark is past its last event plus {@code gap}: an on-time
 * event (at or after the watermark) is then more than {@code gap} after every event of the group, so it can neither
 * join one of its sessions nor partner with one. Then each session of the group without an address (firewall
 * application-rule records name the host only) joins the session of the group with an address that is within
 * {@code gap} of it and starts closest in time to it (ties: the smaller address); sessions left without a partner
 * stand alone. Each session is then one {@link Connection}, counted at its earliest event time, its bytes summed from
 * flow tuples and Hubble flows only, its name and action from firewall records. Sessions of different groups never
 * interact, so a group's connections are a function of its own events, and a finished session of a tuple is not held
 * back by a later one reusing the tuple (a source port reused minutes later).
 *
 * <p>Use: absorb every on-time, not yet seen event ({@link io.outflow.detectors.dedup.SeenEvents} keeps duplicates
 * out: the ledger sums), call {@link #drainClosed} from {@code advance} and fold what it returns, and include
 * {@link #nextDeadline} in the detector's deadline. {@code drainClosed(w)} returns the connections of every group
 * whose last event plus {@code gap} is before {@code w}, in closing order: the group's last event, then its tuple
 * (as text, {@code cluster|sourceIp|sourcePort|destinationPort|protocol}), then the connection's first event and
 * address. That order is the same however the watermark advanced: a group drained later ends later.
 *
 * <p>Bounds: at most {@code maxOpenGroups} open groups; past that the group with the earliest last event is closed
 * early (returned by the next drain; a later event of it would count again). A long-lived connection whose tuples
 * keep coming within {@code gap} stays one open group until it ends.
 *
 * <p>Cost: times are epoch milliseconds; an event of an open group is a hash lookup on a {@link TupleKey} and a fold
 * into its {@link Session}. The order of closing is kept lazily in a {@link GroupHeap}: a group's entry holds a time
 * at or before its last event and is raised only when it reaches the top, so absorbing an event touches no ordered
 * structure.
 */
public final class ConnectionLedger {
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_OPEN_GROUPS = 20_000;

    private final Duration gap;
    private final long gapMillis;
    private final int maxOpenGroups;
    /** Each tuple's open groups, chained by {@link Group#next}. */
    private final Map<TupleKey, Group> open = new HashMap<>();
    private int openGroups;
    /** One entry per open group, keyed at or before its last event (raised when it reaches the top). */
    private final GroupHeap byLast = new GroupHeap();
    /** Entries keyed by a group's first event at the time of the push; stale when that has moved or it closed. */
    private final GroupHeap byFirst = new GroupHeap();
    /** Groups closed by the cap, detached, waiting for the next drain (kept in state: tag 2). */
    private final List<Group> closedEarly = new ArrayList<>();

    public ConnectionLedger() {
        this(DEFAULT_GAP, DEFAULT_MAX_OPEN_GROUPS);
    }

    public ConnectionLedger(Duration gap, int maxOpenGroups) {
        if (gap.isNegative() || maxOpenGroups < 1 || gap.toNanosPart() % 1_000_000 != 0) {
            throw new IllegalArgumentException("gap must be ≥ 0 whole milliseconds and maxOpenGroups ≥ 1");
        }
        this.gap = gap;
        this.gapMillis = gap.toMillis();
        this.maxOpenGroups = maxOpenGroups;
    }

    public Duration gap() {
        return gap;
    }

    /** Folds one event in (ignores events that {@link Connection#counts} rejects). */
    public void absorb(FlowEvent event) {
        if (!Connection.counts(event)) {
            return;
        }
        long time = event.getTime().toEpochMilli();
        TupleKey key = TupleKey.of(event);
        Group head = open.get(key);
        Group group = joinNear(head, time);
        if (group == null) {
            group = new Group(key);
            group.next = head;
            open.put(key, group);
            openGroups++;
            group.add(event, time, gapMillis);
            byLast.push(time, group);
            byFirst.push(time, group);
        } else {
            long firstBefore = group.first;
            group.add(event, time, gapMillis);
            if (group.first < firstBefore) {
                byFirst.push(group.first, group);
            }
        }
        while (openGroups > maxOpenGroups) {
            Group oldest = earliestClosing();
            byLast.pop();
            detach(oldest);
            closedEarly.add(oldest);
        }
        dropStaleStartsIfMany();
    }

    /**
     * The open group of the chain from {@code head} that an event at {@code time} joins, null when none: the groups
     * it is within {@code gap} of become one (the first of them takes the others over).
     */
    private Group joinNear(Group head, long time) {
        Group joined = null;
        Group previous = null;
        for (Group g = head; g != null; g = g.next) {
            if (!g.near(time, gapMillis)) {
                previous = g;
            } else if (joined == null) {
                joined = g;
                previous = g;
            } else {
                if (g.first < joined.first) {
                    byFirst.push(g.first, joined);
                }
                joined.takeOver(g);
                g.closed = true;
                openGroups--;
                previous.next = g.next;
            }
        }
        return joined;
    }

    /** The connections of every group whose last event is more than {@code gap} before the watermark. */
    public List<Connection> drainClosed(Instant watermark) {
        long limit = ceilingMillis(watermark);
        List<Connection> out = new ArrayList<>();
        for (Group g : closedEarly) {
            out.addAll(g.close(gapMillis));
        }
        closedEarly.clear();
        for (Group g = earliestClosing(); g != null && g.last + gapMillis < limit; g = earliestClosing()) {
            byLast.pop();
            out.addAll(close(g));
        }
        dropStaleStartsIfMany();
        return out;
    }

    /**
     * The earliest event time of any open group: a connection drained later is counted at or after this time or the
     * watermark, whichever is earlier. A detector may finalise a window ending at or before it (and before the
     * watermark).
     */
    public Optional<Instant> earliestOpenStart() {
        if (!closedEarly.isEmpty()) {
            return Optional.of(Instant.MIN);
        }
        while (!byFirst.isEmpty() && (byFirst.top().closed || byFirst.topKey() != byFirst.top().first)) {
            // closed, or the group's first event moved earlier (and has its own entry)
            byFirst.pop();
        }
        return byFirst.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(byFirst.topKey()));
    }

    /** The earliest watermark at which {@link #drainClosed} has something to return. */
    public Optional<Instant> nextDeadline() {
        if (!closedEarly.isEmpty()) {
            return Optional.of(Instant.MIN);
        }
        Group g = earliestClosing();
        return g == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(g.last + gapMillis + 1));
    }

    public int openGroups() {
        return openGroups;
    }

    public boolean isEmpty() {
        return open.isEmpty() && closedEarly.isEmpty();
    }

    /**
     * Writes each tuple with open groups, sorted by its text (tag 1 each: the tuple and all its sessions, the layout
     * of the per-tuple ledger before groups), then each group the cap closed that no drain has taken yet, in the
     * order it was closed (tag 2 each, same layout), so that a restore drains the same connections.
     */
    public void write(StateOutput out) {
        List<Group> heads = new ArrayList<>(open.values());
        heads.sort(Comparator.comparing(Group::order));
        for (Group head : heads) {
            out.writeMessage(1, m -> Group.writeTuple(m, head));
        }
        for (Group early : closedEarly) {
            out.writeMessage(2, m -> Group.writeTuple(m, early));
        }
    }

    public static ConnectionLedger read(StateInput in, Duration gap, int maxOpenGroups) {
        ConnectionLedger ledger = new ConnectionLedger(gap, maxOpenGroups);
        while (in.next()) {
            if (in.tag() == 1) {
                Group head = Group.readTuple(in.readMessage(), ledger.gapMillis);
                if (head != null) {
                    ledger.open.put(head.tuple, head);
                }
                for (Group g = head; g != null; g = g.next) {
                    ledger.openGroups++;
                    ledger.byLast.push(g.last, g);
                    ledger.byFirst.push(g.first, g);
                }
            } else if (in.tag() == 2) {
                for (Group g = Group.readTuple(in.readMessage(), ledger.gapMillis); g != null; g = g.next) {
                    g.closed = true;
                    ledger.closedEarly.add(g);
                }
            } else {
                in.skip();
            }
        }
        return ledger;
    }

    /**
     * The open group with the earliest (last event, tuple), with its entry on top of {@link #byLast}; null when
     * none. Entries of closed groups are dropped and lagging keys raised on the way: an entry's key is never after
     * its group's last event, so once the top's key is exact no other group can close before it.
     */
    private Group earliestClosing() {
        while (!byLast.isEmpty()) {
            Group top = byLast.top();
            if (top.closed) {
                byLast.pop();
            } else if (byLast.topKey() != top.last) {
                byLast.pop();
                byLast.push(top.last, top);
            } else {
                return top;
            }
        }
        return null;
    }

    /** Closes a group whose entry was just taken off {@link #byLast}. */
    private List<Connection> close(Group group) {
        detach(group);
        return group.close(gapMillis);
    }

    /** Marks a group closed and takes it out of its tuple's chain. */
    private void detach(Group group) {
        group.closed = true;
        openGroups--;
        Group head = open.get(group.tuple);
        if (head == group) {
            if (group.next == null) {
                open.remove(group.tuple);
            } else {
                open.put(group.tuple, group.next);
            }
        } else {
            Group previous = head;
            while (previous.next != group) {
                previous = previous.next;
            }
            previous.next = group.next;
        }
        group.next = null;
    }

    /** Keeps {@link #byFirst} within twice the open groups: its stale entries are otherwise dropped only at the top. */
    private void dropStaleStartsIfMany() {
        if (byFirst.size() > 2 * openGroups + 16) {
            byFirst.retain((key, g) -> !g.closed && key == g.first);
        }
    }

    /** The first millisecond not before {@code t}: {@code x < t} for a whole millisecond x iff {@code x < ceiling}. */
    private static long ceilingMillis(Instant t) {
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1000) {
            return Long.MAX_VALUE;
        }
        if (t.getEpochSecond() <= Long.MIN_VALUE / 1000) {
            return Long.MIN_VALUE;
        }
        return t.toEpochMilli() + (t.getNano() % 1_000_000 == 0 ? 0 : 1);
    }
}
