package io.outflow.replay.testing;

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
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A test double that exercises the engine adapters, not a product detector: per source entity, distinct flows
 * (by eventId) per one-minute window; a window with {@code threshold} or more raises an alert, revised by another
 * within the cooldown. It keeps the detector laws (order within the lateness, duplicates, watermark steps).
 */
public final class BurstDetector implements Detector<BurstDetector.State> {
    static final long WINDOW = Duration.ofMinutes(1).toMillis();
    static final Duration COOLDOWN = Duration.ofMinutes(3);

    private final AlertContext context;
    private final int threshold;

    public BurstDetector(AlertContext context, int threshold) {
        this.context = context;
        this.threshold = threshold;
    }

    /** One entity's open windows. */
    public static final class State {
        final TreeMap<Long, TreeSet<String>> eventsByWindow = new TreeMap<>();
        final TreeMap<Long, IdentitySnapshot> identityByWindow = new TreeMap<>();
        final OpenAlerts open = new OpenAlerts();
        String entity;
    }

    @Override
    public DetectorId id() {
        return new DetectorId("burst", "1");
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        return flow.getFlow().getKind() == FlowKind.connection && flow.getFlow().getSourceIp() != null
                ? Optional.of(SourceEntity.of(flow).key()) : Optional.empty();
    }

    @Override
    public State absorb(State stateOrNull, EnrichedFlow flow) {
        State s = stateOrNull == null ? new State() : stateOrNull;
        long window = Math.floorDiv(flow.getFlow().getTime().toEpochMilli(), WINDOW);
        s.eventsByWindow.computeIfAbsent(window, w -> new TreeSet<>()).add(flow.getFlow().getEventId());
        s.identityByWindow.merge(window, IdentitySnapshot.of(flow), IdentitySnapshot::earliest);
        s.entity = SourceEntity.of(flow).id();
        return s;
    }

    @Override
    public Outcome<State> advance(State s, Instant watermark) {
        List<Alert> alerts = new ArrayList<>();
        while (!s.eventsByWindow.isEmpty()) {
            Map.Entry<Long, TreeSet<String>> first = s.eventsByWindow.firstEntry();
            Instant start = Instant.ofEpochMilli(first.getKey() * WINDOW);
            Instant end = start.plusMillis(WINDOW);
            if (end.isAfter(watermark)) {
                break;
            }
            s.eventsByWindow.pollFirstEntry();
            IdentitySnapshot identity = s.identityByWindow.remove(first.getKey());
            if (first.getValue().size() >= threshold) {
                OpenAlert open = s.open.record(s.entity, start, end, COOLDOWN);
                alerts.add(new AlertBuilder(id(), context).identity(identity).entity(s.entity).revision(open)
                        .severity(Severity.low).score(0.5).title("burst of connections")
                        .description(first.getValue().size() + " connections in a minute")
                        .evidence(Evidence.create().put("connections", first.getValue().size()))
                        .techniques(MitreTechnique.T1071).build());
            }
        }
        Instant horizon = Instant.ofEpochMilli(Math.floorDiv(watermark.toEpochMilli(), WINDOW) * WINDOW);
        if (!s.eventsByWindow.isEmpty()) {
            horizon = Instant.ofEpochMilli(Math.min(horizon.toEpochMilli(), s.eventsByWindow.firstKey() * WINDOW));
        }
        s.open.expire(horizon, COOLDOWN);
        return new Outcome<>(s.eventsByWindow.isEmpty() && s.open.isEmpty() ? null : s, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(State s) {
        Instant next = s.open.nextExpiry(COOLDOWN).map(t -> t.plus(Duration.ofMinutes(1))).orElse(null);
        if (!s.eventsByWindow.isEmpty()) {
            Instant end = Instant.ofEpochMilli((s.eventsByWindow.firstKey() + 1) * WINDOW);
            next = next == null || end.isBefore(next) ? end : next;
        }
        return Optional.ofNullable(next);
    }

    @Override
    public StateCodec<State> stateCodec() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(State s) {
                return StateOutput.encode(1, out -> {
                    s.eventsByWindow.forEach((w, ids) -> out.writeMessage(1, m -> {
                        m.writeLong(1, w);
                        ids.forEach(id -> m.writeString(2, id));
                    }));
                    s.identityByWindow.forEach((w, id) -> out.writeMessage(2, m -> {
                        m.writeLong(1, w);
                        m.writeMessage(2, id::write);
                    }));
                    s.open.write(out, 3);
                    out.writeString(4, s.entity);
                });
            }

            @Override
            public State decode(byte[] bytes) {
                State s = new State();
                StateInput in = StateInput.decode(bytes);
                while (in.next()) {
                    switch (in.tag()) {
                        case 1 -> {
                            StateInput m = in.readMessage();
                            long w = 0;
                            TreeSet<String> ids = new TreeSet<>();
                            while (m.next()) {
                                if (m.tag() == 1) {
                                    w = m.readLong();
                                } else {
                                    ids.add(m.readString());
                                }
                            }
                            s.eventsByWindow.put(w, ids);
                        }
                        case 2 -> {
                            StateInput m = in.readMessage();
                            long w = 0;
                            IdentitySnapshot id = null;
                            while (m.next()) {
                                if (m.tag() == 1) {
                                    w = m.readLong();
                                } else {
                                    id = IdentitySnapshot.read(m.readMessage());
                                }
                            }
                            s.identityByWindow.put(w, id);
                        }
                        case 3 -> s.open.readEntry(in.readMessage());
                        case 4 -> s.entity = in.readString();
                        default -> in.skip();
                    }
                }
                return s;
            }
        };
    }
}
