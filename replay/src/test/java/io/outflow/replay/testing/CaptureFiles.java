package io.outflow.replay.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** Writes Event Hubs Capture archives with the Capture schema, as Capture does (deflate, one record per message). */
public final class CaptureFiles {
    private static final DateTimeFormatter ENQUEUED =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a").withZone(ZoneOffset.UTC);

    private CaptureFiles() {
    }

    public static Schema schema() throws IOException {
        try (InputStream in = CaptureFiles.class.getResourceAsStream("/io/outflow/schemas/EventHubsCapture.avsc")) {
            if (in == null) {
                throw new IOException("the Capture schema is not on the classpath");
            }
            return new Schema.Parser().parse(in);
        }
    }

    /** One Capture archive of a partition: each body becomes one record, enqueued a second apart from {@code from}. */
    public static Path write(Path file, List<String> bodies, Instant from) throws IOException {
        Schema schema = schema();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(schema, file.toFile());
            long sequence = 0;
            long offset = 0;
            for (String body : bodies) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                GenericRecord record = new GenericData.Record(schema);
                record.put("SequenceNumber", sequence);
                record.put("Offset", Long.toString(offset));
                record.put("EnqueuedTimeUtc", ENQUEUED.format(from.plusSeconds(sequence)));
                Map<String, Object> system = new HashMap<>();
                system.put("x-opt-sequence-number", sequence);
                system.put("x-opt-enqueued-time", from.plusSeconds(sequence).toEpochMilli());
                record.put("SystemProperties", system);
                record.put("Properties", new HashMap<String, Object>());
                record.put("Body", ByteBuffer.wrap(bytes));
                writer.append(record);
                sequence++;
                offset += bytes.length;
            }
        }
        return file;
    }
}
