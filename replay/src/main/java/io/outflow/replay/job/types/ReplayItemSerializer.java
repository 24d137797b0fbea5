package io.outflow.replay.job.types;

import io.outflow.replay.order.InputTally;
import io.outflow.replay.order.ReplayItem;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class ReplayItemSerializer extends ValueSerializer<ReplayItem> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordSerializer<FlowEvent> flows = new AvroRecordSerializer<>(FlowEvent.class);
    private final QuarantineEntrySerializer quarantine = new QuarantineEntrySerializer();

    @Override
    protected void write(ReplayItem item, DataOutputView out) throws IOException {
        out.writeByte(item.kind().ordinal());
        switch (item.kind()) {
            case FLOW -> {
                flows.serialize(item.flow(), out);
                out.writeBoolean(item.late());
                out.writeLong(item.watermark());
            }
            case QUARANTINE -> quarantine.write(item.quarantine(), out);
            case PROGRESS -> out.writeLong(item.bytesRead());
            case TALLY -> {
                out.writeLong(item.bytesRead());
                writeTally(item.tally(), out);
            }
        }
    }

    @Override
    protected ReplayItem read(DataInputView in) throws IOException {
        ReplayItem.Kind kind = ReplayItem.Kind.values()[in.readByte()];
        return switch (kind) {
            case FLOW -> ReplayItem.flow(flows.deserialize(in), in.readBoolean(), in.readLong());
            case QUARANTINE -> ReplayItem.quarantine(quarantine.read(in));
            case PROGRESS -> ReplayItem.progress(in.readLong());
            case TALLY -> {
                long bytes = in.readLong();
                yield ReplayItem.tally(readTally(in), bytes);
            }
        };
    }

    private static void writeTally(InputTally tally, DataOutputView out) throws IOException {
        out.writeInt(tally.categories().size());
        for (var e : tally.categories().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().events());
            out.writeLong(e.getValue().quarantined());
            out.writeLong(e.getValue().ignored());
        }
        out.writeLong(tally.outsideRange());
        out.writeInt(tally.files());
        out.writeInt(tally.failures().size());
        for (String failure : tally.failures()) {
            writeLong(failure, out);
        }
    }

    private static InputTally readTally(DataInputView in) throws IOException {
        SortedMap<String, InputTally.Outcomes> categories = new TreeMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            categories.put(in.readUTF(), new InputTally.Outcomes(in.readLong(), in.readLong(), in.readLong()));
        }
        long outside = in.readLong();
        int files = in.readInt();
        List<String> failures = new ArrayList<>();
        int f = in.readInt();
        for (int i = 0; i < f; i++) {
            failures.add(readLong(in));
        }
        return new InputTally(categories, outside, files, failures);
    }

    @Override
    public TypeSerializer<ReplayItem> duplicate() {
        return new ReplayItemSerializer();
    }

    @Override
    public TypeSerializerSnapshot<ReplayItem> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ReplayItem> {
        public Snapshot() {
            super(ReplayItemSerializer::new);
        }
    }
}
