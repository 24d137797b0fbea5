package io.outflow.replay.job.source;

import io.outflow.replay.input.InputSource;
import io.outflow.replay.order.TimeRange;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The whole input of a replay as one split: the inputs are merged in event time by one reader, because the order in
 * which flows arrive decides which are late, and that decision must not depend on the parallelism.
 */
public record MergedInputSplit(List<InputSource> inputs, TimeRange range, Duration allowedLateness, int scanThreads)
        implements SourceSplit, Serializable {
    public static final String ID = "merged-input";

    public MergedInputSplit {
        inputs = List.copyOf(inputs);
    }

    @Override
    public String splitId() {
        return ID;
    }

    public long totalBytes() {
        return inputs.stream().mapToLong(InputSource::size).sum();
    }
}
