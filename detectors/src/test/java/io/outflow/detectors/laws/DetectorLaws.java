package io.outflow.detectors.laws;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The laws of the detector contract, checkable for any {@link Detector} with seeded random inputs. Give it the flows of
 * a scenario in event-time order (the test's own generator) and a seed; each check runs the detector through
 * {@link LocalRunner} or calls it directly, and fails with the seed in the message:
 * <ul>
 *   <li>{@link #orderInsensitive}: arrival order shuffled within the allowed lateness (each flow arrives at its
 *       event time plus a random delay below the lateness, so none is late) gives the same alerts;</li>
 *   <li>{@link #advanceComposes}: for each key, {@code advance(advance(s, w1), w2)} equals {@code advance(s, w2)}:
 *       same state bytes, same alerts in the same order;</li>
 *   <li>{@link #duplicatesChangeNothing}: redelivering random flows (later, but on time) gives the same alerts and
 *       the same state bytes;</li>
 *   <li>{@link #stateRoundTrips}: decoding what was encoded gives the same bytes, and a run that restores every state
 *       from its bytes after every call (as a restarted engine would) gives the same alerts.</li>
 * </ul>
 * {@link #checkAll} runs all four. Alerts are compared as lists sorted by (alertId, revision).
 */
public final class DetectorLaws<S> {
    private static final Comparator<Alert> ALERT_ORDER =
            Comparator.comparing(Alert::getAlertId).thenComparingInt(Alert::getRevision);

    private final Detector<S> detector;
    private final Duration allowedLateness;

    public DetectorLaws(Detector<S> detector, Duration allowedLateness) {
        this.detector = detector;
        this.allowedLateness = allowedLateness;
    }

    public void checkAll(List<EnrichedFlow> flowsInTimeOrder, long seed) {
        orderInsensitive(flowsInTimeOrder, seed);
        advanceComposes(flowsInTimeOrder, seed);
        duplicatesChangeNothing(flowsInTimeOrder, seed);
        stateRoundTrips(flowsInTimeOrder, seed);
    }

    /** The alerts of one in-order run, sorted (for the caller's own expectations). */
    public List<Alert> alerts(List<EnrichedFlow> flows) {
        return sorted(run(detector, flows).alerts);
    }

    public void orderInsensitive(List<EnrichedFlow> flows, long seed) {
        Run inOrder = run(detector, flows);
        Random random = new Random(seed);
        List<EnrichedFlow> shuffled = shuffleWithinLateness(flows, random);
        Run disordered = run(detector, shuffled);
        assertThat(disordered.lateCount).as("seed %d: a flow shuffled within the lateness was late", seed).isZero();
        assertThat(sorted(disordered.alerts)).as("seed %d: alerts after shuffling within the lateness", seed)
                .isEqualTo(sorted(inOrder.alerts));
    }

    public void advanceComposes(List<EnrichedFlow> flows, long seed) {
        Random random = new Random(seed);
        Map<String, S> states = new TreeMap<>();
        for (EnrichedFlow flow : flows) {
            detector.keyOf(flow).ifPresent(key -> states.put(key, detector.absorb(states.get(key), flow)));
        }
        if (flows.isEmpty()) {
            return;
        }
        Instant first = flows.get(0).getFlow().getTime();
        Instant last = flows.get(flows.size() - 1).getFlow().getTime();
        long span = Math.max(1, Duration.between(first, last).toMillis());
        StateCodec<S> codec = detector.stateCodec();
        for (Map.Entry<String, S> entry : states.entrySet()) {
            byte[] bytes = codec.encode(entry.getValue());
            long a = (long) (random.nextDouble() * span * 1.5);
            long b = (long) (random.nextDouble() * span * 1.5);
            Instant w1 = first.plusMillis(Math.min(a, b));
            Instant w2 = first.plusMillis(Math.max(a, b));
            Outcome<S> step1 = detector.advance(codec.decode(bytes), w1);
            List<Alert> stepped = new ArrayList<>(step1.alerts());
            S afterSteps = step1.state();
            if (afterSteps != null) {
                Outcome<S> step2 = detector.advance(afterSteps, w2);
                stepped.addAll(step2.alerts());
                afterSteps = step2.state();
            }
            Outcome<S> jump = detector.advance(codec.decode(bytes), w2);
            assertThat(stepped).as("seed %d key %s: alerts of advance(advance(s, %s), %s) vs advance(s, %s)", seed,
                    entry.getKey(), w1, w2, w2).isEqualTo(jump.alerts());
            assertThat(hex(afterSteps, codec)).as("seed %d key %s: state after two steps vs one jump to %s", seed,
                    entry.getKey(), w2).isEqualTo(hex(jump.state(), codec));
        }
    }

    public void duplicatesChangeNothing(List<EnrichedFlow> flows, long seed) {
        Random random = new Random(seed);
        // each duplicate goes right after some later flow that keeps it on time: (after index, 1) sorts after (i, 0)
        List<long[]> order = new ArrayList<>();
        List<EnrichedFlow> items = new ArrayList<>(flows);
        for (int i = 0; i < flows.size(); i++) {
            order.add(new long[] {i, 0, i});
        }
        int duplicates = Math.max(1, flows.size() / 5);
        for (int d = 0; d < duplicates && !flows.isEmpty(); d++) {
            int original = random.nextInt(flows.size());
            Instant limit = flows.get(original).getFlow().getTime().plus(allowedLateness).minusMillis(1);
            int after = original;
            while (after + 1 < flows.size() && random.nextInt(3) != 0
                    && !flows.get(after + 1).getFlow().getTime().isAfter(limit)) {
                after++;
            }
            items.add(EnrichedFlow.newBuilder(flows.get(original)).build());
            order.add(new long[] {after, 1, items.size() - 1});
        }
        order.sort(Comparator.comparingLong((long[] o) -> o[0]).thenComparingLong(o -> o[1])
                .thenComparingLong(o -> o[2]));
        List<EnrichedFlow> withDuplicates = new ArrayList<>(items.size());
        for (long[] o : order) {
            withDuplicates.add(items.get((int) o[2]));
        }
        Run once = run(detector, flows);
        Run twice = run(detector, withDuplicates);
        assertThat(twice.lateCount).as("seed %d: a redelivered flow was late", seed).isZero();
        assertThat(sorted(twice.alerts)).as("seed %d: alerts with duplicate deliveries", seed)
                .isEqualTo(sorted(once.alerts));
        assertThat(twice.statesBeforeFinish).as("seed %d: states with duplicate deliveries", seed)
                .isEqualTo(once.statesBeforeFinish);
    }

    public void stateRoundTrips(List<EnrichedFlow> flows, long seed) {
        StateCodec<S> codec = detector.stateCodec();
        Map<String, S> states = new TreeMap<>();
        for (EnrichedFlow flow : flows) {
            detector.keyOf(flow).ifPresent(key -> states.put(key, detector.absorb(states.get(key), flow)));
        }
        for (Map.Entry<String, S> entry : states.entrySet()) {
            byte[] bytes = codec.encode(entry.getValue());
            assertThat(codec.encode(codec.decode(bytes))).as("seed %d key %s: encode(decode(bytes))", seed,
                    entry.getKey()).isEqualTo(bytes);
        }
        Run plain = run(detector, flows);
        Run restored = run(new Restoring<>(detector), flows);
        assertThat(sorted(restored.alerts)).as("seed %d: alerts when every state is restored from bytes", seed)
                .isEqualTo(sorted(plain.alerts));
    }

    /** Each flow arrives at its event time plus a random delay below the lateness. */
    public List<EnrichedFlow> shuffleWithinLateness(List<EnrichedFlow> flows, Random random) {
        long lateness = allowedLateness.toMillis();
        List<long[]> order = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            long arrival = flows.get(i).getFlow().getTime().toEpochMilli()
                    + (lateness == 0 ? 0 : (long) (random.nextDouble() * lateness));
            order.add(new long[] {arrival, i});
        }
        order.sort(Comparator.comparingLong((long[] o) -> o[0]).thenComparingLong(o -> o[1]));
        List<EnrichedFlow> out = new ArrayList<>(flows.size());
        for (long[] o : order) {
            out.add(flows.get((int) o[1]));
        }
        return out;
    }

    private Run run(Detector<S> target, List<EnrichedFlow> flows) {
        Run result = new Run();
        LocalRunner runner = new LocalRunner(List.of(target), allowedLateness, AlertReview.passAll(),
                result.alerts::add, late -> result.lateCount++);
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (EnrichedFlow flow : flows) {
            runner.accept(flow);
            target.keyOf(flow).ifPresent(k -> keys.put(k, true));
        }
        StateCodec<S> codec = target.stateCodec();
        for (String key : keys.keySet()) {
            S state = runner.stateOf(target, key);
            result.statesBeforeFinish.put(key, hex(state, codec));
        }
        runner.finish();
        return result;
    }

    private static <S> String hex(S state, StateCodec<S> codec) {
        return state == null ? "null" : HexFormat.of().formatHex(codec.encode(state));
    }

    private static List<Alert> sorted(List<Alert> alerts) {
        List<Alert> copy = new ArrayList<>(alerts);
        copy.sort(ALERT_ORDER);
        return copy;
    }

    private static final class Run {
        final List<Alert> alerts = new ArrayList<>();
        final Map<String, String> statesBeforeFinish = new TreeMap<>();
        long lateCount;
    }

    /** A detector whose state goes through its codec after every call, as an engine restoring from a changelog. */
    private static final class Restoring<S> implements Detector<S> {
        private final Detector<S> inner;

        Restoring(Detector<S> inner) {
            this.inner = inner;
        }

        @Override
        public DetectorId id() {
            return inner.id();
        }

        @Override
        public Optional<String> keyOf(EnrichedFlow flow) {
            return inner.keyOf(flow);
        }

        @Override
        public S absorb(S stateOrNull, EnrichedFlow flow) {
            return roundTrip(inner.absorb(stateOrNull, flow));
        }

        @Override
        public Outcome<S> advance(S state, Instant watermark) {
            Outcome<S> outcome = inner.advance(state, watermark);
            return new Outcome<>(roundTrip(outcome.state()), outcome.alerts());
        }

        @Override
        public Optional<Instant> nextDeadline(S state) {
            return inner.nextDeadline(state);
        }

        @Override
        public StateCodec<S> stateCodec() {
            return inner.stateCodec();
        }

        private S roundTrip(S state) {
            if (state == null) {
                return null;
            }
            byte[] bytes = inner.stateCodec().encode(state);
            S restored = inner.stateCodec().decode(bytes);
            if (!Arrays.equals(inner.stateCodec().encode(restored), bytes)) {
                throw new AssertionError("state changed through its codec");
            }
            return restored;
        }
    }
}
