package io.outflow.replay.job.types;

import io.outflow.detectors.run.LateFlow;
import io.outflow.schemas.EnrichedFlow;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class LateFlowSerializer extends ValueSerializer<LateFlow> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordSerializer<EnrichedFlow> flows = new AvroRecordSerializer<>(EnrichedFlow.class);

    @Override
    protected void write(LateFlow value, DataOutputView out) throws IOException {
        out.writeUTF(value.detector());
        writeLong(value.key(), out);
        flows.serialize(value.flow(), out);
        out.writeLong(value.watermark().getEpochSecond());
        out.writeInt(value.watermark().getNano());
    }

    @Override
    protected LateFlow read(DataInputView in) throws IOException {
        return new LateFlow(in.readUTF(), readLong(in), flows.deserialize(in),
                Instant.ofEpochSecond(in.readLong(), in.readInt()));
    }

    @Override
    public TypeSerializer<LateFlow> duplicate() {
        return new LateFlowSerializer();
    }

    @Override
    public TypeSerializerSnapshot<LateFlow> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<LateFlow> {
        public Snapshot() {
            super(LateFlowSerializer::new);
        }
    }
}
