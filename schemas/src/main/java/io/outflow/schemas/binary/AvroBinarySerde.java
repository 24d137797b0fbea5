package io.outflow.schemas.binary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (a 10-byte header naming the writer schema's fingerprint, then the binary datum):
 * no schema registry is needed, and a reader that knows older writer schemas resolves them to the current one.
 */
public final class AvroBinarySerde<T extends SpecificRecord> {
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroBinarySerde(Schema schema) {
        SpecificData model = SpecificData.getForSchema(schema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
    }

    /** A serde for the current schema of a generated class. */
    public static <T extends SpecificRecord> AvroBinarySerde<T> forSchema(Schema currentSchema) {
        return new AvroBinarySerde<>(currentSchema);
    }

    /** Accept data written with an older (or newer) writer schema, resolved to the current one. */
    public AvroBinarySerde<T> alsoReading(Schema writerSchema) {
        decoder.addSchema(writerSchema);
        return this;
    }

    public byte[] serialize(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getFullName(), e);
        }
    }

    public T deserialize(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a single-object encoded record", e);
        }
    }
}
