package io.outflow.replay.testing;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A test double that reports every {@code advance} call as an alert titled {@code advance <key> <watermark>}, to
 * observe an engine's time rule. Per source IP it holds event times; its deadline is the end of the minute of the
 * earliest one, or — when {@code sticky} — the watermark it was last advanced to (a deadline that never moves
 * ahead, which an engine must not loop on).
 */
public final class ProbeDetector implements Detector<ProbeDetector.State> {
    private final boolean sticky;

    public ProbeDetector(boolean sticky) {
        this.sticky = sticky;
    }

    /** Event times held, the key, and the last watermark advanced to. */
    public static final class State {
        final TreeSet<Long> times = new TreeSet<>();
        String key;
        long advancedTo = Long.MIN_VALUE;
    }

    @Override
    public DetectorId id() {
        return new DetectorId("probe", "1");
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        return Optional.ofNullable(flow.getFlow().getSourceIp());
    }

    @Override
    public State absorb(State s, EnrichedFlow flow) {
        State state = s == null ? new State() : s;
        state.key = flow.getFlow().getSourceIp();
        state.times.add(flow.getFlow().getTime().toEpochMilli());
        return state;
    }

    @Override
    public Outcome<State> advance(State s, Instant watermark) {
        s.advancedTo = watermark.toEpochMilli();
        s.times.headSet(Math.floorDiv(watermark.toEpochMilli(), 60_000) * 60_000).clear();
        List<Alert> calls = new ArrayList<>();
        calls.add(call(s.key, watermark));
        return new Outcome<>(s.times.isEmpty() && !sticky ? null : s, calls);
    }

    @Override
    public Optional<Instant> nextDeadline(State s) {
        if (sticky && s.advancedTo != Long.MIN_VALUE) {
            return Optional.of(Instant.ofEpochMilli(s.advancedTo));
        }
        if (s.times.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli((Math.floorDiv(s.times.first(), 60_000) + 1) * 60_000));
    }

    @Override
    public StateCodec<State> stateCodec() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(State s) {
                byte[] key = s.key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ByteBuffer out = ByteBuffer.allocate(4 + key.length + 8 + 4 + 8 * s.times.size());
                out.putInt(key.length).put(key).putLong(s.advancedTo).putInt(s.times.size());
                s.times.forEach(out::putLong);
                return out.array();
            }

            @Override
            public State decode(byte[] bytes) {
                ByteBuffer in = ByteBuffer.wrap(bytes);
                State s = new State();
                byte[] key = new byte[in.getInt()];
                in.get(key);
                s.key = new String(key, java.nio.charset.StandardCharsets.UTF_8);
                s.advancedTo = in.getLong();
                int n = in.getInt();
                for (int i = 0; i < n; i++) {
                    s.times.add(in.getLong());
                }
                return s;
            }
        };
    }

    /** The alert that records one advance call. */
    static Alert call(String key, Instant watermark) {
        return Alert.newBuilder().setAlertId(key + "@" + watermark).setDetector("probe").setDetectorVersion("1")
                .setSeverity(Severity.informational).setScore(0).setTitle("advance " + key + " " + watermark)
                .setDescription("").setAttribution(Attribution.unknown).setWindowStart(watermark)
                .setWindowEnd(watermark).setEvidence("{}").setConfigVersion("probe").setOutflowVersion("test")
                .setMode(Mode.replay).build();
    }
}
