package io.outflow.replay.job.source;

import io.outflow.replay.order.EventTimeMerge;
import io.outflow.replay.order.ReplayItem;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/** Runs the event-time merge in Flink's fetcher thread and hands its items over in batches. */
final class MergeSplitReader implements SplitReader<ReplayItem, MergedInputSplit> {
    private static final int BATCH = 1024;

    private final Queue<MergedInputSplit> assigned = new ArrayDeque<>();
    private EventTimeMerge merge;

    @Override
    public RecordsWithSplitIds<ReplayItem> fetch() throws IOException {
        RecordsBySplits.Builder<ReplayItem> batch = new RecordsBySplits.Builder<>();
        try {
            if (merge == null) {
                MergedInputSplit split = assigned.poll();
                if (split == null) {
                    return batch.build();
                }
                merge = EventTimeMerge.open(split.inputs(), split.range(), split.allowedLateness(),
                        split.scanThreads());
            }
            for (int i = 0; i < BATCH; i++) {
                ReplayItem item = merge.poll();
                if (item == null) {
                    merge.close();
                    batch.addFinishedSplit(MergedInputSplit.ID);
                    break;
                }
                batch.add(MergedInputSplit.ID, item);
            }
        } catch (InterruptedException e) {
            // the fetcher is shutting down
            Thread.currentThread().interrupt();
        }
        return batch.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<MergedInputSplit> changes) {
        if (changes instanceof SplitsAddition<MergedInputSplit> addition) {
            assigned.addAll(addition.splits());
        }
    }

    @Override
    public void wakeUp() {
        // a fetch returns after one batch; the merge waits for its readers in short steps
    }

    @Override
    public void close() {
        if (merge != null) {
            merge.close();
        }
    }
}
