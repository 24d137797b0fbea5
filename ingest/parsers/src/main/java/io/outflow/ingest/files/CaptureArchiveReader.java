package io.outflow.ingest.files;

import io.outflow.ingest.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads Event Hubs Capture {@code .avro} archives with the writer schema embedded in each file (Capture's schema has
 * varied, so no reader schema is imposed) and hands each record's {@code Body} to the same body handling as live
 * ingest. Files without records are normal: Capture writes them for idle windows.
 */
public final class CaptureArchiveReader {
    public static final byte[] MAGIC = {'O', 'b', 'j', 1};

    public void read(InputStream in, String sourceName, BodyHandler handler) throws IOException {
        try (DataFileStream<GenericRecord> records = new DataFileStream<>(in, new GenericDatumReader<>())) {
            if (records.getSchema().getField("Body") == null) {
                throw new IOException(sourceName + ": an Avro file without a Body field is not an Event Hubs "
                        + "Capture archive (schema " + records.getSchema().getFullName() + ")");
            }
            GenericRecord record = null;
            long index = 0;
            while (records.hasNext()) {
                record = records.next(record);
                Object sequence = record.getSchema().getField("SequenceNumber") != null
                        ? record.get("SequenceNumber") : null;
                String where = sourceName + "#" + (sequence != null ? "seq=" + sequence : "record=" + index);
                index++;
                Object body = record.get("Body");
                if (body instanceof ByteBuffer buffer) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.duplicate().get(bytes);
                    if (bytes.length > 0) {
                        handler.body(bytes, 0, bytes.length, new SourceRef(where, 0));
                    }
                }
            }
        }
    }
}
