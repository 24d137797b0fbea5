package io.outflow.replay.sink;

import io.outflow.schemas.Alert;
import io.outflow.schemas.json.ContractJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The alerts file of a replay: one alert per {@code alertId}, its last revision; JSON Lines in DESIGN.md's contract
 * form, or an Avro container file (schema embedded) when the name ends in {@code .avro}.
 */
public final class AlertFile implements AlertSinkFactory {
    private static final long serialVersionUID = 1L;

    public enum Format { JSON_LINES, AVRO }

    private final FileTarget target;
    private final Format format;

    public AlertFile(FileTarget target, Format format) {
        this.target = target;
        this.format = format;
    }

    /** The format a file name asks for: {@code .avro} is Avro, anything else JSON Lines. */
    public static Format formatOf(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".avro") ? Format.AVRO : Format.JSON_LINES;
    }

    @Override
    public AlertSink open() {
        return new Sink();
    }

    @Override
    public String describe() {
        return target.describe() + (format == Format.AVRO ? " (Avro)" : " (JSON Lines)");
    }

    private final class Sink implements AlertSink {
        private final LatestRevisions latest = new LatestRevisions();

        @Override
        public void write(Alert alert) {
            latest.add(alert);
        }

        @Override
        public void finish() throws IOException {
            try (OutputStream out = target.create()) {
                if (format == Format.AVRO) {
                    writeAvro(out);
                } else {
                    writeJsonLines(out);
                }
            }
        }

        private void writeJsonLines(OutputStream out) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (Alert alert : latest.inFileOrder()) {
                ContractJson.write(alert, writer);
                writer.write('\n');
            }
            writer.flush();
        }

        private void writeAvro(OutputStream out) throws IOException {
            try (DataFileWriter<Alert> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Alert.class))) {
                writer.setCodec(CodecFactory.deflateCodec(6));
                writer.create(Alert.getClassSchema(), out);
                for (Alert alert : latest.inFileOrder()) {
                    writer.append(alert);
                }
            }
        }

        @Override
        public void close() {
        }
    }
}
