package io.outflow.replay.job.types;

import io.outflow.detectors.prevalence.Contact;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A prevalence contact: key, source entity, hour. */
public final class ContactSerializer extends ValueSerializer<Contact> {
    private static final long serialVersionUID = 1L;

    @Override
    protected void write(Contact value, DataOutputView out) throws IOException {
        writeLong(value.key(), out);
        writeLong(value.source(), out);
        out.writeInt(value.hour());
    }

    @Override
    protected Contact read(DataInputView in) throws IOException {
        return new Contact(readLong(in), readLong(in), in.readInt());
    }

    @Override
    public TypeSerializer<Contact> duplicate() {
        return new ContactSerializer();
    }

    @Override
    public TypeSerializerSnapshot<Contact> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Contact> {
        public Snapshot() {
            super(ContactSerializer::new);
        }
    }
}
