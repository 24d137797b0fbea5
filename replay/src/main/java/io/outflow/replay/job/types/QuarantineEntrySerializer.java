package io.outflow.replay.job.types;

import io.outflow.ingest.QuarantineEntry;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

public final class QuarantineEntrySerializer extends ValueSerializer<QuarantineEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    protected void write(QuarantineEntry e, DataOutputView out) throws IOException {
        writeNullable(e.category(), out);
        writeLong(e.reason(), out);
        writeLong(e.source(), out);
        out.writeLong(e.offset());
        writeLong(e.raw(), out);
        out.writeBoolean(e.rawTruncated());
        out.writeLong(e.rawLength());
        writeNullable(e.rawSha256(), out);
    }

    @Override
    protected QuarantineEntry read(DataInputView in) throws IOException {
        return new QuarantineEntry(readNullable(in), readLong(in), readLong(in), in.readLong(), readLong(in),
                in.readBoolean(), in.readLong(), readNullable(in));
    }

    @Override
    public TypeSerializer<QuarantineEntry> duplicate() {
        return this;
    }

    @Override
    public TypeSerializerSnapshot<QuarantineEntry> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<QuarantineEntry> {
        public Snapshot() {
            super(QuarantineEntrySerializer::new);
        }
    }
}
