package io.outflow.detectors.testing;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.AlertBuilder;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.alert.MitreTechnique;
import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.alert.OpenAlerts;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.connection.ConnectionLedger;
import io.outflow.detectors.dedup.SeenEvents;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small detector built from the shared framework, for testing the framework and the law harness: per source entity,
 * connections (counted once by the ledger) per one-minute window; a window with {@code threshold} or more raises or
 * revises an alert. When {@code countDuplicates} is set it skips the eventId memory: a broken detector the harness
 * must catch.
 */
public final class WindowCountDetector implements Detector<WindowCountDetector.State> {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration COOLDOWN = Duration.ofMinutes(2);

    private final AlertContext context;
    private final int threshold;
    private final boolean countDuplicates;

    public WindowCountDetector(AlertContext context, int threshold, boolean countDuplicates) {
        this.context = context;
        this.threshold = threshold;
        this.countDuplicates = countDuplicates;
    }

    /** The state of one entity. */
    public static final class State {
        SeenEvents seen = new SeenEvents();
        ConnectionLedger ledger = new ConnectionLedger();
        final TreeMap<Long, long[]> countsByWindow = new TreeMap<>();
        final OpenAlerts open = new OpenAlerts();
        final TreeMap<Long, IdentitySnapshot> identityByWindow = new TreeMap<>();
        String entity;
        Instant lastSeen = Instant.EPOCH;
    }

    @Override
    public DetectorId id() {
        return new DetectorId("window_count", "1");
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        return Connection.counts(flow.getFlow()) ? Optional.of(SourceEntity.of(flow).key()) : Optional.empty();
    }

    @Override
    public State absorb(State stateOrNull, EnrichedFlow flow) {
        State s = stateOrNull == null ? new State() : stateOrNull;
        if (!countDuplicates && !s.seen.add(flow.getFlow().getEventId(), flow.getFlow().getTime())) {
            return s;
        }
        s.ledger.absorb(flow.getFlow());
        long window = Math.floorDiv(flow.getFlow().getTime().toEpochMilli(), WINDOW.toMillis());
        s.identityByWindow.merge(window, IdentitySnapshot.of(flow), IdentitySnapshot::earliest);
        s.entity = SourceEntity.of(flow).id();
        if (flow.getFlow().getTime().isAfter(s.lastSeen)) {
            s.lastSeen = flow.getFlow().getTime();
        }
        return s;
    }

    @Override
    public Outcome<State> advance(State s, Instant watermark) {
        for (Connection c : s.ledger.drainClosed(watermark)) {
            long window = Math.floorDiv(c.first().toEpochMilli(), WINDOW.toMillis());
            s.countsByWindow.computeIfAbsent(window, w -> new long[1])[0]++;
        }
        List<Alert> alerts = new ArrayList<>();
        while (!s.countsByWindow.isEmpty()) {
            Map.Entry<Long, long[]> first = s.countsByWindow.firstEntry();
            Instant start = Instant.ofEpochMilli(first.getKey() * WINDOW.toMillis());
            Instant end = start.plus(WINDOW);
            Instant openStart = s.ledger.earliestOpenStart().orElse(Instant.MAX);
            if (end.isAfter(watermark) || openStart.isBefore(end)) {
                break;
            }
            s.countsByWindow.pollFirstEntry();
            IdentitySnapshot identity = s.identityByWindow.get(first.getKey());
            s.identityByWindow.headMap(first.getKey(), true).clear();
            if (first.getValue()[0] >= threshold) {
                OpenAlert open = s.open.record(s.entity, start, end, COOLDOWN);
                alerts.add(new AlertBuilder(id(), context).identity(identity).entity(s.entity).revision(open)
                        .severity(Severity.low).score(0.5).title("many connections").description("count")
                        .evidence(Evidence.create().put("connections", first.getValue()[0]))
                        .techniques(MitreTechnique.T1071).build());
            }
        }
        // the earliest window a finding can still come from: the watermark's, a waiting one, an open connection's
        Instant horizon = windowStart(watermark);
        if (!s.countsByWindow.isEmpty()) {
            horizon = min(horizon, Instant.ofEpochMilli(s.countsByWindow.firstKey() * WINDOW.toMillis()));
        }
        horizon = min(horizon, s.ledger.earliestOpenStart().map(WindowCountDetector::windowStart).orElse(null));
        s.open.expire(horizon, COOLDOWN);
        if (s.countsByWindow.isEmpty() && s.ledger.isEmpty()) {
            s.identityByWindow.headMap(Math.floorDiv(watermark.toEpochMilli(), WINDOW.toMillis())).clear();
        }
        s.seen.forgetBefore(watermark);
        boolean idle = s.ledger.isEmpty() && s.countsByWindow.isEmpty() && s.open.isEmpty()
                && s.identityByWindow.isEmpty()
                && s.lastSeen.plus(COOLDOWN).isBefore(watermark);
        return new Outcome<>(idle ? null : s, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(State s) {
        Instant next = s.lastSeen.plus(COOLDOWN).plusMillis(1);
        next = min(next, s.ledger.nextDeadline().orElse(null));
        if (!s.countsByWindow.isEmpty()) {
            next = min(next, Instant.ofEpochMilli((s.countsByWindow.firstKey() + 1) * WINDOW.toMillis()));
        }
        next = min(next, s.open.nextExpiry(COOLDOWN).map(t -> t.plusMillis(1)).orElse(null));
        return Optional.of(next);
    }

    private static Instant windowStart(Instant t) {
        return t.equals(Instant.MIN) ? t
                : Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), WINDOW.toMillis()) * WINDOW.toMillis());
    }

    private static Instant min(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    @Override
    public StateCodec<State> stateCodec() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(State s) {
                return StateOutput.encode(1, out -> {
                    out.writeMessage(1, s.seen::write);
                    out.writeMessage(2, s.ledger::write);
                    s.countsByWindow.forEach((w, c) -> out.writeMessage(3, m -> m.writeLong(1, w).writeLong(2, c[0])));
                    s.open.write(out, 4);
                    s.identityByWindow.forEach((w, id) -> out.writeMessage(5, m -> {
                        m.writeLong(1, w);
                        m.writeMessage(2, id::write);
                    }));
                    out.writeString(6, s.entity).writeInstant(7, s.lastSeen);
                });
            }

            @Override
            public State decode(byte[] bytes) {
                State s = new State();
                StateInput in = StateInput.decode(bytes);
                while (in.next()) {
                    switch (in.tag()) {
                        case 1 -> s.seen = SeenEvents.read(in.readMessage(), SeenEvents.DEFAULT_CAPACITY);
                        case 2 -> s.ledger = ConnectionLedger.read(in.readMessage(), ConnectionLedger.DEFAULT_GAP,
                                ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
                        case 3 -> {
                            StateInput m = in.readMessage();
                            long w = 0;
                            long c = 0;
                            while (m.next()) {
                                if (m.tag() == 1) {
                                    w = m.readLong();
                                } else if (m.tag() == 2) {
                                    c = m.readLong();
                                } else {
                                    m.skip();
                                }
                            }
                            s.countsByWindow.put(w, new long[] {c});
                        }
                        case 4 -> s.open.readEntry(in.readMessage());
                        case 5 -> {
                            StateInput m = in.readMessage();
                            long w = 0;
                            IdentitySnapshot id = null;
                            while (m.next()) {
                                if (m.tag() == 1) {
                                    w = m.readLong();
                                } else if (m.tag() == 2) {
                                    id = IdentitySnapshot.read(m.readMessage());
                                } else {
                                    m.skip();
                                }
                            }
                            s.identityByWindow.put(w, id);
                        }
                        case 6 -> s.entity = in.readString();
                        case 7 -> s.lastSeen = in.readInstant();
                        default -> in.skip();
                    }
                }
                return s;
            }
        };
    }
}
