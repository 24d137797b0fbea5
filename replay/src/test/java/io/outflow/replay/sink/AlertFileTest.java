package io.outflow.replay.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertFileTest {
    @TempDir
    Path dir;

    @Test
    void keepsTheLastRevisionOfEachAlertInWindowDetectorIdOrder() throws IOException {
        Path file = dir.resolve("alerts.jsonl");
        AlertSink sink = new AlertFile(target(file), AlertFile.Format.JSON_LINES).open();

        sink.write(alert("b", "beaconing", 1, "2025-01-01T10:00:00Z"));
        sink.write(alert("a", "new_fqdn", 1, "2025-01-01T09:00:00Z"));
        sink.write(alert("b", "beaconing", 3, "2025-01-01T10:00:00Z"));
        sink.write(alert("b", "beaconing", 2, "2025-01-01T10:00:00Z"));
        sink.write(alert("c", "bandwidth_spike", 1, "2025-01-01T10:00:00Z"));
        sink.finish();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"alertId\":\"a\"");
        assertThat(lines.get(1)).startsWith("{\"alertId\":\"c\"");
        assertThat(lines.get(2)).startsWith("{\"alertId\":\"b\",\"revision\":3,");
        assertThat(lines).allMatch(l -> l.contains("\"mode\":\"replay\""));
    }

    @Test
    void writesAnAvroContainerWithTheSchemaWhenAsked() throws IOException {
        Path file = dir.resolve("alerts.avro");
        assertThat(AlertFile.formatOf(file.toString())).isEqualTo(AlertFile.Format.AVRO);
        assertThat(AlertFile.formatOf("alerts.jsonl")).isEqualTo(AlertFile.Format.JSON_LINES);
        AlertSink sink = new AlertFile(target(file), AlertFile.Format.AVRO).open();

        sink.write(alert("x", "cryptomining", 1, "2025-01-01T00:00:00Z"));
        sink.write(alert("x", "cryptomining", 2, "2025-01-01T00:00:00Z"));
        sink.finish();

        List<Alert> read = new ArrayList<>();
        try (DataFileReader<Alert> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Alert.class))) {
            reader.forEach(read::add);
        }
        assertThat(read).hasSize(1);
        assertThat(read.get(0).getRevision()).isEqualTo(2);
        assertThat(read.get(0).getDetector()).isEqualTo("cryptomining");
    }

    @Test
    void writesAnEmptyFileWhenThereAreNoAlerts() throws IOException {
        Path file = dir.resolve("none.jsonl");
        AlertSink sink = new AlertFile(target(file), AlertFile.Format.JSON_LINES).open();
        sink.finish();
        assertThat(file).exists().isEmptyFile();
    }

    static FileTarget target(Path file) {
        return new FileTarget() {
            @Override
            public OutputStream create() throws IOException {
                return Files.newOutputStream(file);
            }

            @Override
            public String describe() {
                return file.toString();
            }
        };
    }

    static Alert alert(String id, String detector, int revision, String windowStart) {
        Instant start = Instant.parse(windowStart);
        return Alert.newBuilder().setAlertId(id).setRevision(revision).setDetector(detector).setDetectorVersion("1")
                .setSeverity(Severity.medium).setScore(0.5).setTitle("t").setDescription("d")
                .setAttribution(Attribution.unknown).setWindowStart(start).setWindowEnd(start.plusSeconds(60))
                .setEvidence("{}").setConfigVersion("abc").setOutflowVersion("0").setMode(Mode.replay).build();
    }
}
