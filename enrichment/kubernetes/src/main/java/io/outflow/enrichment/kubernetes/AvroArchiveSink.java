package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.IdentityChange;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Archives changes as an Avro container file of {@link IdentityChange} (schema embedded), the form that
 * {@code --k8s-events} reads back for a replay. Blocks are written as they fill; {@link #flush()} forces the
 * current one out (the owner does so on its checkpoint cadence), {@link #close()} ends the file.
 */
public final class AvroArchiveSink implements IdentityChangeSink, AutoCloseable {
    private final DataFileWriter<IdentityChange> writer;

    private AvroArchiveSink(DataFileWriter<IdentityChange> writer) {
        this.writer = writer;
    }

    /** A new file; an existing one is replaced. */
    public static AvroArchiveSink create(Path file) throws IOException {
        DataFileWriter<IdentityChange> writer =
                new DataFileWriter<>(new SpecificDatumWriter<>(IdentityChange.class));
        writer.setCodec(CodecFactory.deflateCodec(6));
        writer.create(IdentityChange.getClassSchema(), file.toFile());
        return new AvroArchiveSink(writer);
    }

    @Override
    public synchronized void accept(IdentityChange change) throws IOException {
        writer.append(change);
    }

    public synchronized void flush() throws IOException {
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
