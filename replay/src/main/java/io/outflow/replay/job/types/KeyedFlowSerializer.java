package io.outflow.replay.job.types;

import io.outflow.replay.job.KeyedFlow;
import io.outflow.schemas.EnrichedFlow;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class KeyedFlowSerializer extends ValueSerializer<KeyedFlow> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordSerializer<EnrichedFlow> flows = new AvroRecordSerializer<>(EnrichedFlow.class);

    @Override
    protected void write(KeyedFlow value, DataOutputView out) throws IOException {
        out.writeShort(value.detector());
        writeLong(value.key(), out);
        if (value.encoded() != null) {
            AvroRecordSerializer.serializeEncoded(value.encoded(), out);
        } else {
            flows.serialize(value.flow(), out);
        }
    }

    @Override
    protected KeyedFlow read(DataInputView in) throws IOException {
        return new KeyedFlow(in.readShort(), readLong(in), flows.deserialize(in));
    }

    @Override
    public TypeSerializer<KeyedFlow> duplicate() {
        return new KeyedFlowSerializer();
    }

    @Override
    public TypeSerializerSnapshot<KeyedFlow> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<KeyedFlow> {
        public Snapshot() {
            super(KeyedFlowSerializer::new);
        }
    }
}
