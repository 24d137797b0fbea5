package io.outflow.replay.job;

import io.outflow.detectors.Outcome;
import io.outflow.detectors.prevalence.Contact;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.prevalence.PrevalenceState;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.replay.job.types.DetectorStateSerializer;
import io.outflow.schemas.Alert;
import java.util.Optional;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The thin adapter around the prevalence stage, keyed by (cluster, destination): contacts of on-time flows on the
 * first input, the detectors' held alerts on the second, one timer at the stage's next deadline; released alerts pass
 * the review.
 * Flink forwards a watermark only after the detectors' timers for it have fired, so every alert of a watermark is
 * held before this stage advances to it: the order of {@link LocalRunner}.
 */
public final class PrevalenceFunction extends KeyedCoProcessFunction<String, Contact, Alert, Alert> {
    private static final long serialVersionUID = 1L;

    private final DetectorSuite suite;
    private transient DestinationPrevalence prevalence;
    private transient int slot;
    private transient AlertReview review;
    private transient ValueState<DetectorState> states;
    private transient DeadlineTimer timer;

    public PrevalenceFunction(DetectorSuite suite) {
        this.suite = suite;
    }

    @Override
    public void open(Configuration parameters) {
        prevalence = suite.prevalence();
        slot = suite.detectors().size();
        review = suite.review();
        states = getRuntimeContext().getState(new ValueStateDescriptor<>("prevalence-state",
                new DetectorStateSerializer(suite)));
        timer = new DeadlineTimer(getRuntimeContext());
    }

    @Override
    public void processElement1(Contact contact, Context ctx, Collector<Alert> out) throws Exception {
        keep(ctx, prevalence.absorb(current(), contact));
    }

    @Override
    public void processElement2(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        keep(ctx, prevalence.hold(current(), alert));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        timer.fired();
        PrevalenceState state = current();
        if (state == null) {
            return;
        }
        Outcome<PrevalenceState> outcome = prevalence.advance(state, DeadlineTimer.advanceTo(ctx.timerService()));
        if (outcome.state() == null) {
            states.clear();
        } else {
            states.update(new DetectorState(slot, outcome.state()));
        }
        for (Alert alert : outcome.alerts()) {
            review.review(alert).ifPresent(out::collect);
        }
        timer.rescheduleAfterAdvance(ctx.timerService(), outcome.state() == null ? Optional.empty()
                : prevalence.nextDeadline(outcome.state()));
    }

    @Override
    public void close() throws Exception {
        Counts.addSuppressed(getRuntimeContext(), "prevalence", suite, review);
        super.close();
    }

    private PrevalenceState current() throws Exception {
        DetectorState held = states.value();
        return held == null ? null : (PrevalenceState) held.state();
    }

    private void keep(Context ctx, PrevalenceState state) throws Exception {
        states.update(new DetectorState(slot, state));
        timer.schedule(ctx.timerService(), prevalence.nextDeadline(state), false);
    }
}
