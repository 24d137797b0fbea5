package io.outflow.replay.job;

import io.outflow.detectors.Detector;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.replay.job.types.DetectorStateSerializer;
import io.outflow.replay.job.types.ReplayTypes;
import io.outflow.schemas.Alert;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The thin adapter around the pure detectors: one keyed state per (detector, key) and one event-time timer at the
 * state's next deadline. It applies {@link LocalRunner}'s time rule and nothing else: absorb on-time flows (the
 * merge already set late ones aside), advance a key when the watermark reaches its deadline. An alert the
 * prevalence stage judges goes to {@link #HELD} as it is; any other passes the review here. A deadline at or before
 * the watermark it was just advanced to waits for the next watermark move; at the end of input (Flink's final
 * watermark) every key is advanced once to {@link LocalRunner#END_OF_TIME}.
 */
public final class DetectorFunction extends KeyedProcessFunction<String, KeyedFlow, Alert> {
    private static final long serialVersionUID = 1L;

    /** Alerts on their way to the prevalence stage, not reviewed yet. */
    public static final OutputTag<Alert> HELD = new OutputTag<>("held", ReplayTypes.ALERT);

    private final DetectorSuite suite;
    private transient List<Detector<?>> detectors;
    private transient DestinationPrevalence prevalence;
    private transient AlertReview review;
    private transient ValueState<DetectorState> states;
    private transient DeadlineTimer timer;

    public DetectorFunction(DetectorSuite suite) {
        this.suite = suite;
    }

    @Override
    public void open(Configuration parameters) {
        detectors = suite.detectors();
        prevalence = suite.prevalence();
        review = suite.review();
        states = getRuntimeContext().getState(new ValueStateDescriptor<>("detector-state",
                new DetectorStateSerializer(suite)));
        timer = new DeadlineTimer(getRuntimeContext());
    }

    @Override
    public void processElement(KeyedFlow flow, Context ctx, Collector<Alert> out) throws Exception {
        Detector<Object> detector = detector(flow.detector());
        DetectorState held = states.value();
        Object state = detector.absorb(held == null ? null : held.state(), flow.flow());
        keep(flow.detector(), state);
        timer.schedule(ctx.timerService(), state == null ? Optional.empty() : detector.nextDeadline(state), false);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        timer.fired();
        DetectorState held = states.value();
        if (held == null) {
            return;
        }
        Detector<Object> detector = detector(held.detector());
        Outcome<Object> outcome = detector.advance(held.state(), DeadlineTimer.advanceTo(ctx.timerService()));
        keep(held.detector(), outcome.state());
        for (Alert alert : outcome.alerts()) {
            if (prevalence != null && prevalence.keyOf(alert).isPresent()) {
                ctx.output(HELD, alert);
            } else {
                review.review(alert).ifPresent(out::collect);
            }
        }
        timer.rescheduleAfterAdvance(ctx.timerService(), outcome.state() == null ? Optional.empty()
                : detector.nextDeadline(outcome.state()));
    }

    /** At the end of the input: what the review suppressed, for the summary and the backtest. */
    @Override
    public void close() throws Exception {
        Counts.addSuppressed(getRuntimeContext(), "detectors", suite, review);
        super.close();
    }

    @SuppressWarnings("unchecked")
    private Detector<Object> detector(int index) {
        return (Detector<Object>) detectors.get(index);
    }

    private void keep(int detector, Object state) throws Exception {
        if (state == null) {
            states.clear();
        } else {
            states.update(new DetectorState(detector, state));
        }
    }
}
