package io.outflow.enrichment.history;

import io.outflow.schemas.IdentityChange;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * {@code IdentityChange} archives: Avro object container files (deflate), the schema embedded, so that an archive
 * written today is read by later versions whose schema only adds optional fields.
 */
public final class IdentityChangeArchive implements Closeable {
    static final byte[] MAGIC = {'O', 'b', 'j', 1};

    private final DataFileWriter<IdentityChange> writer;
    private long written;

    private IdentityChangeArchive(OutputStream out) throws IOException {
        writer = new DataFileWriter<>(new SpecificDatumWriter<>(IdentityChange.class));
        writer.setCodec(CodecFactory.deflateCodec(6));
        writer.create(IdentityChange.getClassSchema(), out);
    }

    public static IdentityChangeArchive create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new IdentityChangeArchive(Files.newOutputStream(file));
    }

    public static IdentityChangeArchive create(OutputStream out) throws IOException {
        return new IdentityChangeArchive(out);
    }

    public void append(IdentityChange change) throws IOException {
        writer.append(change);
        written++;
    }

    public long written() {
        return written;
    }

    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** Reads every change of an archive in order; returns how many. */
    public static long read(InputStream in, Consumer<IdentityChange> sink) throws IOException {
        DatumReader<IdentityChange> datumReader = new SpecificDatumReader<>(IdentityChange.class);
        long n = 0;
        try (DataFileStream<IdentityChange> stream = new DataFileStream<>(in, datumReader)) {
            while (stream.hasNext()) {
                sink.accept(stream.next());
                n++;
            }
        }
        return n;
    }

    public static long read(Path file, Consumer<IdentityChange> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, sink);
        }
    }
}
