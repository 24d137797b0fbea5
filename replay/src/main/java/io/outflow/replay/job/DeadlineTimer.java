package io.outflow.replay.job;

import io.outflow.detectors.run.LocalRunner;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One event-time timer per key at the key's next deadline (rounded up to the millisecond), remembered in keyed state
 * so that a moved deadline replaces the old timer. Right after an advance, a deadline at or before the current
 * watermark moves to the next watermark move, as in {@link LocalRunner}.
 */
final class DeadlineTimer {
    private final ValueState<Long> registered;

    DeadlineTimer(RuntimeContext context) {
        this.registered = context.getState(new ValueStateDescriptor<>("deadline", Types.LONG));
    }

    /** The timer fired: it is no longer registered. */
    void fired() {
        registered.clear();
    }

    /** Where a firing timer advances its key: the watermark, or {@link LocalRunner#END_OF_TIME} at the end of input. */
    static Instant advanceTo(TimerService timerService) {
        long watermark = timerService.currentWatermark();
        return watermark == Long.MAX_VALUE ? LocalRunner.END_OF_TIME : Instant.ofEpochMilli(watermark);
    }

    /** The timer after an advance; none at the end of input, where every key was advanced to the end of time. */
    void rescheduleAfterAdvance(TimerService timerService, Optional<Instant> deadline) throws Exception {
        if (timerService.currentWatermark() != Long.MAX_VALUE) {
            schedule(timerService, deadline, true);
        }
    }

    void schedule(TimerService timerService, Optional<Instant> deadline, boolean afterAdvance) throws Exception {
        Long current = registered.value();
        long at = Long.MIN_VALUE;
        if (deadline.isPresent()) {
            at = ceilMillis(deadline.get());
            long watermark = timerService.currentWatermark();
            if (afterAdvance && at <= watermark) {
                at = watermark + 1;
            }
        }
        if (current != null && current == at) {
            return;
        }
        if (current != null) {
            timerService.deleteEventTimeTimer(current);
        }
        if (deadline.isPresent()) {
            timerService.registerEventTimeTimer(at);
            registered.update(at);
        } else {
            registered.clear();
        }
    }

    static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }
}
