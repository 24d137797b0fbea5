package io.outflow.replay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.replay.input.InputSource;
import io.outflow.replay.input.LocalFileInput;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.testing.BurstSuite;
import io.outflow.replay.testing.CaptureFiles;
import io.outflow.replay.testing.FirewallLines;
import io.outflow.replay.testing.ReplayHarness;
import io.outflow.schemas.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture archives written with the Capture schema replay exactly like the same bodies in JSON Lines. */
class CaptureReplayIT {
    private static final Instant T0 = Instant.parse("2025-04-02T10:00:00Z");
    private static final BurstSuite SUITE = new BurstSuite(4, Mode.replay);

    @TempDir
    Path dir;

    @Test
    void captureArchivesGiveTheAlertsOfTheSameBodiesAsJsonLines() throws Exception {
        List<List<String>> partitions = List.of(new ArrayList<>(), new ArrayList<>());
        int port = 20000;
        for (int minute = 0; minute < 20; minute++) {
            int flows = minute % 7 == 3 ? 5 : 1;
            for (int i = 0; i < flows; i++) {
                Instant time = T0.plus(Duration.ofMinutes(minute)).plusSeconds(i * 7L);
                String record = FirewallLines.record(time, "10.1.0.1", "198.51.100.7", 8443, port++);
                // Capture bodies are diagnostic-settings messages: several records per body
                partitions.get(minute % 2).add(FirewallLines.body(List.of(record)));
            }
        }
        List<InputSource> capture = new ArrayList<>();
        List<InputSource> lines = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            capture.add(LocalFileInput.of(CaptureFiles.write(dir.resolve("capture/ns/hub/" + p + "/2025/04/02/10/00/00.avro"),
                    partitions.get(p), T0)));
            lines.add(LocalFileInput.of(FirewallLines.writeLines(dir.resolve("lines/p" + p + ".jsonl"),
                    partitions.get(p))));
        }
        // Capture writes an archive for idle windows too: a header and no records
        capture.add(LocalFileInput.of(CaptureFiles.write(dir.resolve("capture/ns/hub/0/2025/04/02/10/05/00.avro"),
                List.of(), T0)));

        ReplayHarness.Result fromCapture = ReplayHarness.flink(capture, ReplayHarness.enrichment(List.of()), SUITE, 2,
                TimeRange.ALL, dir.resolve("out-capture"));
        ReplayHarness.Result fromLines = ReplayHarness.flink(lines, ReplayHarness.enrichment(List.of()), SUITE, 2,
                TimeRange.ALL, dir.resolve("out-lines"));

        assertThat(fromCapture.alerts()).hasSize(3).isEqualTo(fromLines.alerts());
        assertThat(fromCapture.quarantine()).isEmpty();
        assertThat(fromCapture.report().flows()).isEqualTo(fromLines.report().flows()).isEqualTo(32);
        assertThat(fromCapture.report().counts()).containsEntry("input/files", 3L);
    }
}
