package io.outflow.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.QuarantineEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileReaderTest {
    static final String UNKNOWN_RECORD =
            "{\"category\":\"NotALogFamily\",\"time\":\"2026-02-01T00:00:00Z\",\"properties\":{}}";

    @TempDir
    Path dir;

    @Test
    void readsGzipCompressedJsonLines() throws IOException {
        Path file = dir.resolve("bodies.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((UNKNOWN_RECORD + "\n" + UNKNOWN_RECORD + "\nnot json\n").getBytes(StandardCharsets.UTF_8));
        }
        CollectingSink sink = new CollectingSink();

        LogFileReader.standard().read(file, sink);

        assertThat(sink.quarantined).extracting(QuarantineEntry::reason).containsExactly(
                "category: unknown category 'NotALogFamily'", "category: unknown category 'NotALogFamily'",
                "text outside any JSON value");
        assertThat(sink.quarantined.get(1).offset()).isEqualTo(UNKNOWN_RECORD.length() + 1);
    }

    @Test
    void readsEventHubsCaptureArchivesWithTheirEmbeddedSchema() throws IOException {
        Path file = dir.resolve("0/2026/02/01/00/00/00.avro");
        Files.createDirectories(file.getParent());
        writeCapture(file, List.of("{\"records\":[" + UNKNOWN_RECORD + "]}", "garbage"));
        CollectingSink sink = new CollectingSink();

        LogFileReader.standard().read(file, sink);

        assertThat(sink.quarantined).extracting(QuarantineEntry::reason).containsExactly(
                "category: unknown category 'NotALogFamily'", "invalid JSON: Unrecognized token 'garbage': was "
                        + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 1)");
        assertThat(sink.quarantined.get(0).source()).endsWith("00.avro#seq=100");
        assertThat(sink.quarantined.get(1).source()).endsWith("00.avro#seq=101");
    }

    @Test
    void emptyCaptureFilesAndEmptyFilesAreNormal() throws IOException {
        Path avro = dir.resolve("empty.avro");
        writeCapture(avro, List.of());
        Path empty = Files.createFile(dir.resolve("empty.json"));
        CollectingSink sink = new CollectingSink();

        LogFileReader.standard().read(avro, sink);
        LogFileReader.standard().read(empty, sink);

        assertThat(sink.outcomes()).isZero();
    }

    @Test
    void aTruncatedGzipFileIsAnUnreadableInput() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write((UNKNOWN_RECORD + "\n").repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] whole = bytes.toByteArray();
        Path file = dir.resolve("cut.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> LogFileReader.standard().read(file, new CollectingSink()))
                .isInstanceOf(IOException.class);
    }

    static void writeCapture(Path file, List<String> bodies) throws IOException {
        Schema schema;
        try (var in = LogFileReaderTest.class.getResourceAsStream("/io/outflow/schemas/EventHubsCapture.avsc")) {
            schema = new Schema.Parser().parse(in);
        }
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, file.toFile());
            long sequence = 100;
            for (String body : bodies) {
                GenericRecord record = new GenericData.Record(schema);
                record.put("SequenceNumber", sequence++);
                record.put("Offset", Long.toString(sequence * 1000));
                record.put("EnqueuedTimeUtc", "2/1/2026 12:00:00 AM");
                record.put("SystemProperties", Map.of());
                record.put("Properties", Map.of());
                record.put("Body", ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
                writer.append(record);
            }
        }
    }
}
