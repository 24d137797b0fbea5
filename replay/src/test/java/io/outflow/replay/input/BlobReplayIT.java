package io.outflow.replay.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.testing.Azurite;
import io.outflow.replay.testing.BurstSuite;
import io.outflow.replay.testing.CaptureFiles;
import io.outflow.replay.testing.FirewallLines;
import io.outflow.replay.testing.ReplayHarness;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Blob input against Azurite: listing under a prefix, gzip and Capture blobs, the same alerts as local files. */
class BlobReplayIT {
    private static final String VARIABLE = "OUTFLOW_TEST_AZURITE_CONNECTION";
    private static final Instant T0 = Instant.parse("2025-05-06T22:00:00Z");

    @RegisterExtension
    static final Azurite AZURITE = new Azurite();

    @TempDir
    static Path dir;

    private static final List<Path> FILES = new ArrayList<>();

    @BeforeAll
    static void upload() throws IOException {
        System.setProperty(VARIABLE, AZURITE.connectionString());
        List<List<String>> partitions = List.of(new ArrayList<>(), new ArrayList<>());
        int port = 41000;
        for (int minute = 0; minute < 15; minute++) {
            int flows = minute == 4 || minute == 9 ? 6 : 2;
            for (int i = 0; i < flows; i++) {
                Instant time = T0.plus(Duration.ofMinutes(minute)).plusSeconds(5L * i);
                partitions.get(i % 2).add(FirewallLines.body(List.of(
                        FirewallLines.record(time, "10.2.0.4", "192.0.2.44", 443, port++))));
            }
        }
        FILES.add(FirewallLines.writeLines(dir.resolve("local/fw/2025/05/06/p0.jsonl.gz"), partitions.get(0)));
        FILES.add(CaptureFiles.write(dir.resolve("local/fw/2025/05/06/p1.avro"), partitions.get(1), T0));
        FILES.add(FirewallLines.writeLines(dir.resolve("local/other/ignored.jsonl"), partitions.get(1)));

        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(AZURITE.connectionString())
                .buildClient().createBlobContainer("history");
        for (Path file : FILES) {
            String name = dir.resolve("local").relativize(file).toString();
            container.getBlobClient(name).uploadFromFile(file.toString());
        }
    }

    @AfterAll
    static void forget() {
        System.clearProperty(VARIABLE);
    }

    @Test
    void listsTheBlobsUnderAPrefixAndReplaysThemLikeLocalFiles() throws Exception {
        BlobAccess access = new BlobAccess(VARIABLE);
        List<InputSource> blobs = InputCatalog.resolve(List.of(AZURITE.endpoint() + "/history/fw/2025/"), access);
        List<InputSource> locals = InputCatalog.resolve(List.of(FILES.get(0).toString(), FILES.get(1).toString()),
                access);
        BurstSuite suite = new BurstSuite(5, Mode.replay);

        ReplayHarness.Result fromBlobs = ReplayHarness.flink(blobs, ReplayHarness.enrichment(List.of()), suite, 2,
                TimeRange.ALL, dir.resolve("out-blobs"));
        ReplayHarness.Result fromFiles = ReplayHarness.flink(locals, ReplayHarness.enrichment(List.of()), suite, 2,
                TimeRange.ALL, dir.resolve("out-files"));

        assertThat(blobs).extracting(InputSource::name).containsExactly(
                AZURITE.endpoint() + "/history/fw/2025/05/06/p0.jsonl.gz",
                AZURITE.endpoint() + "/history/fw/2025/05/06/p1.avro");
        assertThat(blobs).extracting(InputSource::size).containsExactly(
                java.nio.file.Files.size(FILES.get(0)), java.nio.file.Files.size(FILES.get(1)));
        assertThat(fromBlobs.alerts()).hasSize(2).isEqualTo(fromFiles.alerts());
        assertThat(fromBlobs.report().flows()).isEqualTo(38);
        assertThat(fromBlobs.report().bytesRead()).isEqualTo(fromFiles.report().bytesRead());
    }

    @Test
    void saysWhenNothingIsUnderThePrefix() {
        assertThatThrownBy(() -> InputCatalog.resolve(List.of(AZURITE.endpoint() + "/history/nothing-here/"),
                new BlobAccess(VARIABLE)))
                .isInstanceOf(IOException.class).hasMessageContaining("no blobs under");
    }
}
