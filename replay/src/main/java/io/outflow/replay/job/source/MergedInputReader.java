package io.outflow.replay.job.source;

import io.outflow.replay.order.ReplayItem;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/** The source reader: flows carry their event time as the record timestamp; other items carry none. */
final class MergedInputReader
        extends SingleThreadMultiplexSourceReaderBase<ReplayItem, ReplayItem, MergedInputSplit, MergedInputSplit> {

    MergedInputReader(Configuration config, SourceReaderContext context) {
        super(MergeSplitReader::new, new Emitter(), config, context);
    }

    @Override
    protected void onSplitFinished(Map<String, MergedInputSplit> finishedSplitIds) {
    }

    @Override
    protected MergedInputSplit initializedState(MergedInputSplit split) {
        return split;
    }

    @Override
    protected MergedInputSplit toSplitType(String splitId, MergedInputSplit state) {
        return state;
    }

    private static final class Emitter implements RecordEmitter<ReplayItem, ReplayItem, MergedInputSplit> {
        @Override
        public void emitRecord(ReplayItem item, SourceOutput<ReplayItem> output, MergedInputSplit split) {
            if (item.kind() == ReplayItem.Kind.FLOW) {
                output.collect(item, item.flow().getTime().toEpochMilli());
            } else {
                output.collect(item);
            }
        }
    }
}
