package io.outflow.detectors.run;

import io.outflow.detectors.Detector;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.prevalence.Contact;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.prevalence.PrevalenceState;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The reference engine: runs detectors over flows in one thread, with the exact time rule both engine adapters
 * (Kafka Streams, Flink) mirror. For every flow, in arrival order:
 * <ol>
 *   <li>fill {@code registeredDomain} when absent ({@link RegisteredDomains#fill}; engines do it once after
 *       enrichment);</li>
 *   <li>for each detector (in the order given) whose {@code keyOf} names a key: if a watermark exists and the flow's
 *       event time is before it, the flow is <b>late</b> for that detector: counted in {@link #lateCounts} and handed
 *       to the late-flow consumer, never absorbed. Otherwise the key's state becomes {@code absorb(state, flow)} and
 *       the key's deadline becomes {@code nextDeadline(state)};</li>
 *   <li>the watermark becomes {@code max(event time seen) − allowedLateness} if that is later than the current one.
 *       When it moved, every (detector, key) whose deadline is at or before the new watermark is advanced to the
 *       watermark ({@code advance(state, watermark)}), in the order (deadline, detector order, key); the outcome's
 *       state replaces the key's (null: the key is forgotten), its alerts pass {@link AlertReview} and go to the
 *       alert consumer in the order the detector gave them, and the key's deadline becomes the new state's
 *       {@code nextDeadline}. A deadline at or before the watermark it was just advanced to waits for the next
 *       watermark move (a detector whose {@code advance} closes everything due never asks for one).</li>
 * </ol>
 * <b>The prevalence stage</b> ({@link DestinationPrevalence}, when given) works the same way on its own keys, after
 * the detectors: in step 2 it absorbs every on-time flow its {@code keyOf} names a key for (a late flow is simply not
 * absorbed); in step 3 each alert a detector emits is held in the stage when its {@code keyOf(alert)} names a key
 * (else it goes to the review at once), and once every due detector key has been advanced, every stage key whose
 * deadline is at or before the watermark is advanced in the order (deadline, key), its released alerts passing the
 * review in their order. Engines keep this order: all the detectors' alerts of a watermark reach the stage before
 * the stage sees that watermark.
 *
 * <p>{@link #finish} ends bounded input: the watermark moves to {@link #END_OF_TIME} and every key with a deadline is
 * advanced once to it, in the same order, so every window closes.
 *
 * <p>Output order is deterministic for a given input sequence. Alerts of inputs that differ only in arrival order
 * within the lateness are the same set (the detector laws), though the grouping into watermark steps may interleave
 * them differently; compare sorted by (alertId, revision).
 */
public final class LocalRunner {
    /** The watermark of "end of input": later than any event time, far from {@link Instant#MAX} overflow. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

    private final List<Slot<?>> slots = new ArrayList<>();
    private final Duration allowedLateness;
    private final AlertReview review;
    private final Consumer<Alert> alerts;
    private final Consumer<LateFlow> lateFlows;
    private final TreeSet<Deadline> deadlines = new TreeSet<>(Comparator.comparing(Deadline::time)
            .thenComparingInt(Deadline::slot).thenComparing(Deadline::key));
    private final Map<String, Long> lateCounts = new LinkedHashMap<>();
    private final StageSlot stage;
    private Instant maxEventTime;
    private Instant watermark;

    public LocalRunner(List<? extends Detector<?>> detectors, Duration allowedLateness, AlertReview review,
                       Consumer<Alert> alerts, Consumer<LateFlow> lateFlows) {
        this(detectors, null, allowedLateness, review, alerts, lateFlows);
    }

    /**
     * @param prevalence the prevalence stage between the detectors and the review, or null for none
     */
    public LocalRunner(List<? extends Detector<?>> detectors, DestinationPrevalence prevalence,
                       Duration allowedLateness, AlertReview review, Consumer<Alert> alerts,
                       Consumer<LateFlow> lateFlows) {
        this.stage = prevalence == null ? null : new StageSlot(prevalence);
        for (Detector<?> detector : detectors) {
            slots.add(new Slot<>(detector, slots.size()));
            lateCounts.put(detector.id().name(), 0L);
        }
        this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
        this.review = Objects.requireNonNull(review, "review");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.lateFlows = Objects.requireNonNull(lateFlows, "lateFlows");
    }

    /** Runs every detector over the flows and returns the alerts, in emission order. */
    public static List<Alert> run(List<? extends Detector<?>> detectors, Duration allowedLateness,
                                  Iterable<EnrichedFlow> flows) {
        return run(detectors, null, allowedLateness, flows);
    }

    /** Runs every detector and the prevalence stage (null: none) over the flows; the alerts in emission order. */
    public static List<Alert> run(List<? extends Detector<?>> detectors, DestinationPrevalence prevalence,
                                  Duration allowedLateness, Iterable<EnrichedFlow> flows) {
        List<Alert> out = new ArrayList<>();
        LocalRunner runner = new LocalRunner(detectors, prevalence, allowedLateness, AlertReview.passAll(), out::add,
                late -> {
                });
        flows.forEach(runner::accept);
        runner.finish();
        return out;
    }

    public void accept(EnrichedFlow input) {
        EnrichedFlow flow = RegisteredDomains.fill(input);
        Instant time = flow.getFlow().getTime();
        for (Slot<?> slot : slots) {
            slot.accept(flow, time);
        }
        if (stage != null && (watermark == null || !time.isBefore(watermark))) {
            stage.absorb(flow);
        }
        if (maxEventTime == null || time.isAfter(maxEventTime)) {
            maxEventTime = time;
        }
        Instant candidate = maxEventTime.minus(allowedLateness);
        if (watermark == null || candidate.isAfter(watermark)) {
            moveWatermark(candidate);
        }
    }

    /** End of bounded input: advance every key to the end of time. */
    public void finish() {
        moveWatermark(END_OF_TIME);
    }

    /** The current watermark, or null before the first flow. */
    public Instant watermark() {
        return watermark;
    }

    /** Late flows per detector name. */
    public Map<String, Long> lateCounts() {
        return Map.copyOf(lateCounts);
    }

    /** How many keys hold state, per detector name. */
    public Map<String, Integer> keyCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Slot<?> slot : slots) {
            counts.put(slot.detector.id().name(), slot.states.size());
        }
        if (stage != null) {
            counts.put("prevalence", stage.states.size());
        }
        return counts;
    }

    /** The state of one key (tests and diagnostics). */
    @SuppressWarnings("unchecked")
    public <S> S stateOf(Detector<S> detector, String key) {
        for (Slot<?> slot : slots) {
            if (slot.detector == detector) {
                return (S) slot.states.get(key);
            }
        }
        throw new IllegalArgumentException("not run here: " + detector.id());
    }

    private void moveWatermark(Instant to) {
        watermark = to;
        List<Deadline> postponed = new ArrayList<>();
        while (!deadlines.isEmpty() && !deadlines.first().time().isAfter(to)) {
            Deadline due = deadlines.pollFirst();
            Slot<?> slot = slots.get(due.slot());
            slot.deadlineOf.remove(due.key());
            Optional<Instant> next = slot.advance(due.key(), to);
            if (next.isPresent()) {
                Deadline again = new Deadline(next.get(), due.slot(), due.key());
                if (next.get().isAfter(to)) {
                    slot.deadlineOf.put(due.key(), again);
                    deadlines.add(again);
                } else {
                    postponed.add(again);
                }
            }
        }
        for (Deadline again : postponed) {
            slots.get(again.slot()).deadlineOf.put(again.key(), again);
            deadlines.add(again);
        }
        if (stage != null) {
            stage.advanceDue(to);
        }
    }

    /** A detector's alert: held by the prevalence stage when it has a key there, else reviewed and emitted. */
    private void emit(Alert alert) {
        if (stage == null || !stage.hold(alert)) {
            review.review(alert).ifPresent(alerts);
        }
    }

    private record Deadline(Instant time, int slot, String key) {
    }

    /** One detector's states and deadlines. */
    private final class Slot<S> {
        final Detector<S> detector;
        final int index;
        final Map<String, S> states = new HashMap<>();
        final Map<String, Deadline> deadlineOf = new HashMap<>();

        Slot(Detector<S> detector, int index) {
            this.detector = detector;
            this.index = index;
        }

        void accept(EnrichedFlow flow, Instant time) {
            Optional<String> key = detector.keyOf(flow);
            if (key.isEmpty()) {
                return;
            }
            if (watermark != null && time.isBefore(watermark)) {
                lateCounts.merge(detector.id().name(), 1L, Long::sum);
                lateFlows.accept(new LateFlow(detector.id().name(), key.get(), flow, watermark));
                return;
            }
            S state = detector.absorb(states.get(key.get()), flow);
            if (state == null) {
                states.remove(key.get());
            } else {
                states.put(key.get(), state);
            }
            schedule(key.get(), state == null ? Optional.empty() : detector.nextDeadline(state));
        }

        Optional<Instant> advance(String key, Instant to) {
            S state = states.get(key);
            if (state == null) {
                return Optional.empty();
            }
            Outcome<S> outcome = detector.advance(state, to);
            if (outcome.state() == null) {
                states.remove(key);
            } else {
                states.put(key, outcome.state());
            }
            for (Alert alert : outcome.alerts()) {
                emit(alert);
            }
            return outcome.state() == null ? Optional.empty() : detector.nextDeadline(outcome.state());
        }

        void schedule(String key, Optional<Instant> next) {
            Deadline current = deadlineOf.get(key);
            if (current != null && next.isPresent() && current.time().equals(next.get())) {
                return;
            }
            if (current != null) {
                deadlines.remove(current);
                deadlineOf.remove(key);
            }
            if (next.isPresent()) {
                Deadline deadline = new Deadline(next.get(), index, key);
                deadlineOf.put(key, deadline);
                deadlines.add(deadline);
            }
        }
    }

    /** The prevalence stage's states and deadlines, advanced after the detectors at every watermark move. */
    private final class StageSlot {
        final DestinationPrevalence prevalence;
        final Map<String, PrevalenceState> states = new HashMap<>();
        final Map<String, Instant> deadlineOf = new HashMap<>();
        final TreeSet<Deadline> due = new TreeSet<>(Comparator.comparing(Deadline::time)
                .thenComparing(Deadline::key));

        StageSlot(DestinationPrevalence prevalence) {
            this.prevalence = prevalence;
        }

        void absorb(EnrichedFlow flow) {
            Optional<Contact> contact = prevalence.contactOf(flow);
            if (contact.isPresent()) {
                String key = contact.get().key();
                PrevalenceState state = prevalence.absorb(states.get(key), contact.get());
                states.put(key, state);
                schedule(key, prevalence.nextDeadline(state));
            }
        }

        boolean hold(Alert alert) {
            Optional<String> key = prevalence.keyOf(alert);
            if (key.isEmpty()) {
                return false;
            }
            PrevalenceState state = prevalence.hold(states.get(key.get()), alert);
            states.put(key.get(), state);
            schedule(key.get(), prevalence.nextDeadline(state));
            return true;
        }

        void advanceDue(Instant to) {
            List<Deadline> postponed = new ArrayList<>();
            while (!due.isEmpty() && !due.first().time().isAfter(to)) {
                Deadline deadline = due.pollFirst();
                String key = deadline.key();
                deadlineOf.remove(key);
                Outcome<PrevalenceState> outcome = prevalence.advance(states.get(key), to);
                for (Alert alert : outcome.alerts()) {
                    review.review(alert).ifPresent(alerts);
                }
                if (outcome.state() == null) {
                    states.remove(key);
                    continue;
                }
                states.put(key, outcome.state());
                Optional<Instant> next = prevalence.nextDeadline(outcome.state());
                if (next.isPresent() && next.get().isAfter(to)) {
                    schedule(key, next);
                } else if (next.isPresent()) {
                    postponed.add(new Deadline(next.get(), -1, key));
                }
            }
            for (Deadline again : postponed) {
                schedule(again.key(), Optional.of(again.time()));
            }
        }

        void schedule(String key, Optional<Instant> next) {
            Instant current = deadlineOf.get(key);
            if (current != null && next.isPresent() && current.equals(next.get())) {
                return;
            }
            if (current != null) {
                due.remove(new Deadline(current, -1, key));
                deadlineOf.remove(key);
            }
            if (next.isPresent()) {
                deadlineOf.put(key, next.get());
                due.add(new Deadline(next.get(), -1, key));
            }
        }
    }
}
