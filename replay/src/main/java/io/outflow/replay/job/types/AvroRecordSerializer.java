package io.outflow.replay.job.types;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Avro binary of one of our generated records, length-prefixed: the datum only, since both ends run the same
 * classes. Also the codec of the other serializers for their Avro fields.
 */
public final class AvroRecordSerializer<T extends SpecificRecordBase> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient SpecificDatumWriter<T> writer;
    private transient SpecificDatumReader<T> reader;
    private transient Buffer buffer;
    private transient BinaryEncoder encoder;
    private transient BinaryDecoder decoder;
    private transient byte[] input;

    public AvroRecordSerializer(Class<T> type) {
        this.type = type;
    }

    public Class<T> type() {
        return type;
    }

    /** A growable buffer that exposes its array. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(512);
        }

        byte[] array() {
            return buf;
        }
    }

    private void init() {
        if (writer == null) {
            SpecificData model = SpecificData.getForClass(type);
            writer = new SpecificDatumWriter<>(model.getSchema(type), model);
            reader = new SpecificDatumReader<>(model.getSchema(type), model.getSchema(type), model);
            buffer = new Buffer();
            input = new byte[512];
        }
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new AvroRecordSerializer<>(type);
    }

    @Override
    public T createInstance() {
        return type.cast(SpecificData.newInstance(type, null));
    }

    @Override
    public T copy(T from) {
        init();
        return from == null ? null : SpecificData.getForClass(type).deepCopy(from.getSchema(), from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        encodeIntoBuffer(record);
        target.writeInt(buffer.size());
        target.write(buffer.array(), 0, buffer.size());
    }

    /** The datum alone, to be written later with {@link #serializeEncoded} (once for many records). */
    public byte[] encode(T record) throws IOException {
        encodeIntoBuffer(record);
        return buffer.toByteArray();
    }

    /** Writes what {@link #serialize} would write for the record {@code datum} was encoded from. */
    public static void serializeEncoded(byte[] datum, DataOutputView target) throws IOException {
        target.writeInt(datum.length);
        target.write(datum);
    }

    private void encodeIntoBuffer(T record) throws IOException {
        init();
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        writer.write(record, encoder);
        encoder.flush();
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        init();
        int length = source.readInt();
        if (input.length < length) {
            input = new byte[Math.max(length, input.length * 2)];
        }
        source.readFully(input, 0, length);
        decoder = DecoderFactory.get().binaryDecoder(input, 0, length, decoder);
        return reader.read(null, decoder);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        target.writeInt(length);
        target.write(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvroRecordSerializer<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /**
     * Records the class; data written by an older schema of the class is read through Avro's own evolution rules
     * only by the contract files, so a changed class is reported as needing a fresh start.
     */
    public static final class Snapshot<T extends SpecificRecordBase> implements TypeSerializerSnapshot<T> {
        private Class<T> type;
        private String schema;

        public Snapshot() {
        }

        Snapshot(Class<T> type) {
            this.type = type;
            this.schema = SpecificData.getForClass(type).getSchema(type).toString();
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
            byte[] text = schema.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(text.length);
            out.write(text);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            byte[] text = new byte[in.readInt()];
            in.readFully(text);
            schema = new String(text, java.nio.charset.StandardCharsets.UTF_8);
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("cannot find " + name, e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new AvroRecordSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old instanceof Snapshot<T> previous && Objects.equals(previous.type, type)) {
                return Objects.equals(previous.schema, schema) ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                        : TypeSerializerSchemaCompatibility.incompatible();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
