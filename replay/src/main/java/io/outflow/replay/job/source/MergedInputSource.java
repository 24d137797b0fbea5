package io.outflow.replay.job.source;

import io.outflow.replay.order.ReplayItem;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source of the merged input (see {@link io.outflow.replay.order.EventTimeMerge}). It runs with
 * parallelism 1: parsing still uses several threads (one per open input), and everything after the merge — enrich,
 * detect — scales out by key.
 *
 * <p>No progress is kept in checkpoints: a replay that fails is run again from the start.
 */
public final class MergedInputSource implements Source<ReplayItem, MergedInputSplit, ArrayList<MergedInputSplit>> {
    private static final long serialVersionUID = 1L;

    private final MergedInputSplit split;

    public MergedInputSource(MergedInputSplit split) {
        this.split = split;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ReplayItem, MergedInputSplit> createReader(SourceReaderContext context) {
        return new MergedInputReader(new Configuration(), context);
    }

    @Override
    public SplitEnumerator<MergedInputSplit, ArrayList<MergedInputSplit>> createEnumerator(
            SplitEnumeratorContext<MergedInputSplit> context) {
        return new MergedInputEnumerator(context, List.of(split));
    }

    @Override
    public SplitEnumerator<MergedInputSplit, ArrayList<MergedInputSplit>> restoreEnumerator(
            SplitEnumeratorContext<MergedInputSplit> context, ArrayList<MergedInputSplit> checkpoint) {
        return new MergedInputEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MergedInputSplit> getSplitSerializer() {
        return new JavaSerializedSerializer<>(MergedInputSplit.class);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public SimpleVersionedSerializer<ArrayList<MergedInputSplit>> getEnumeratorCheckpointSerializer() {
        return new JavaSerializedSerializer<>((Class) ArrayList.class);
    }
}
