package io.outflow.replay.job.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands the one split to the reader of subtask 0; any other reader gets none. */
final class MergedInputEnumerator implements SplitEnumerator<MergedInputSplit, ArrayList<MergedInputSplit>> {
    private final SplitEnumeratorContext<MergedInputSplit> context;
    private final ArrayList<MergedInputSplit> unassigned;

    MergedInputEnumerator(SplitEnumeratorContext<MergedInputSplit> context, List<MergedInputSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
    }

    @Override
    public void addSplitsBack(List<MergedInputSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(0)) {
            assignTo(0);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        if (subtaskId == 0) {
            assignTo(0);
        }
        context.signalNoMoreSplits(subtaskId);
    }

    private void assignTo(int subtaskId) {
        for (MergedInputSplit split : unassigned) {
            context.assignSplit(split, subtaskId);
        }
        unassigned.clear();
    }

    @Override
    public ArrayList<MergedInputSplit> snapshotState(long checkpointId) {
        return new ArrayList<>(unassigned);
    }

    @Override
    public void close() {
    }
}
