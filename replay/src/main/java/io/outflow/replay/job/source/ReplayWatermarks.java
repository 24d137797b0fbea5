package io.outflow.replay.job.source;

import io.outflow.replay.order.ReplayItem;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Passes the merge's watermark (largest event time seen minus the allowed lateness) on to Flink, at points fixed by
 * the input alone: whenever it enters a new stride of event time (every change when the stride is zero). Never on a
 * wall-clock period, so timers fire at the same places in every run. Lateness itself is decided by the merge, flow
 * by flow; Flink's watermark only drives the detectors' timers, and may trail the merge's by less than one stride.
 */
public final class ReplayWatermarks implements WatermarkStrategy<ReplayItem> {
    private static final long serialVersionUID = 1L;

    private final long strideMillis;

    public ReplayWatermarks(Duration stride) {
        this.strideMillis = stride.toMillis();
    }

    @Override
    public WatermarkGenerator<ReplayItem> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new Generator(strideMillis);
    }

    static final class Generator implements WatermarkGenerator<ReplayItem> {
        private final long stride;
        private long emitted = Long.MIN_VALUE;

        Generator(long stride) {
            this.stride = stride;
        }

        @Override
        public void onEvent(ReplayItem item, long eventTimestamp, WatermarkOutput output) {
            if (item.kind() != ReplayItem.Kind.FLOW) {
                return;
            }
            long watermark = item.watermark();
            if (watermark > emitted && (stride <= 0 || emitted == Long.MIN_VALUE
                    || Math.floorDiv(watermark, stride) != Math.floorDiv(emitted, stride))) {
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // only the input moves time
        }
    }
}
