package io.outflow.replay.order;

import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;

/**
 * One element of the merged input, in the order the replay folds it in: a flow with its lateness decided by the
 * {@link LatenessRule}, a quarantined entry, a progress note, or — last — the tally of everything read.
 */
public final class ReplayItem {
    public enum Kind { FLOW, QUARANTINE, PROGRESS, TALLY }

    private final Kind kind;
    private final FlowEvent flow;
    private final boolean late;
    private final long watermark;
    private final QuarantineEntry quarantine;
    private final long bytesRead;
    private final InputTally tally;

    private ReplayItem(Kind kind, FlowEvent flow, boolean late, long watermark, QuarantineEntry quarantine,
                       long bytesRead, InputTally tally) {
        this.kind = kind;
        this.flow = flow;
        this.late = late;
        this.watermark = watermark;
        this.quarantine = quarantine;
        this.bytesRead = bytesRead;
        this.tally = tally;
    }

    /**
     * A flow in merged order.
     *
     * @param late whether it was behind the watermark when it arrived
     * @param watermark the watermark after it arrived
     */
    public static ReplayItem flow(FlowEvent flow, boolean late, long watermark) {
        return new ReplayItem(Kind.FLOW, flow, late, watermark, null, 0, null);
    }

    public static ReplayItem quarantine(QuarantineEntry entry) {
        return new ReplayItem(Kind.QUARANTINE, null, false, 0, entry, 0, null);
    }

    /** Bytes of input read so far (compressed bytes for .gz), for the progress line. */
    public static ReplayItem progress(long bytesRead) {
        return new ReplayItem(Kind.PROGRESS, null, false, 0, null, bytesRead, null);
    }

    public static ReplayItem tally(InputTally tally, long bytesRead) {
        return new ReplayItem(Kind.TALLY, null, false, 0, null, bytesRead, tally);
    }

    public Kind kind() {
        return kind;
    }

    public FlowEvent flow() {
        return flow;
    }

    public boolean late() {
        return late;
    }

    public long watermark() {
        return watermark;
    }

    public QuarantineEntry quarantine() {
        return quarantine;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public InputTally tally() {
        return tally;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLOW -> "flow " + flow.getEventId() + "@" + flow.getTime() + (late ? " late" : "") + " wm=" + watermark;
            case QUARANTINE -> "quarantine " + quarantine.source() + "@" + quarantine.offset();
            case PROGRESS -> "progress " + bytesRead;
            case TALLY -> "tally " + tally;
        };
    }
}
