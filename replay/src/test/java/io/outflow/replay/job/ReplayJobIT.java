package io.outflow.replay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.replay.input.InputSource;
import io.outflow.replay.input.LocalFileInput;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.testing.BurstSuite;
import io.outflow.replay.testing.FirewallLines;
import io.outflow.replay.testing.ReplayHarness;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay job on an embedded Flink cluster, with a test double for a detector: the adapters give the reference
 * engine's alerts, whatever the parallelism, the split of the input into files, their order, and duplicates.
 */
class ReplayJobIT {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final BurstSuite SUITE = new BurstSuite(5, Mode.replay);

    @TempDir
    static Path dir;

    /** Deliveries, in the order a partition would carry them: (partition, line). */
    private static final List<String[]> DELIVERIES = new ArrayList<>();

    @BeforeAll
    static void history() {
        Random random = new Random(7);
        int port = 30000;
        for (int minute = 0; minute < 40; minute++) {
            // 10.0.0.1 bursts at minutes 5, 6 and 20 (one alert revised, one new); 10.0.0.2 never does
            int burst = minute == 5 || minute == 6 || minute == 20 ? 6 : 2;
            for (int i = 0; i < burst; i++) {
                add(random, minute, "10.0.0.1", port++);
            }
            add(random, minute, "10.0.0.2", port++);
            add(random, minute, "10.0.0.2", port++);
            if (minute == 12) {
                for (int i = 0; i < 5; i++) {
                    add(random, minute, "10.0.0.3", port++);
                }
            }
        }
    }

    private static void add(Random random, int minute, String source, int port) {
        Instant time = T0.plus(Duration.ofMinutes(minute)).plusSeconds(random.nextInt(60));
        String line = FirewallLines.body(List.of(FirewallLines.record(time, source, "203.0.113.50", 443, port)));
        DELIVERIES.add(new String[] {Integer.toString(random.nextInt(2)), line});
    }

    private static List<InputSource> write(String name, List<List<String>> files) throws IOException {
        List<InputSource> inputs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            inputs.add(LocalFileInput.of(FirewallLines.writeLines(dir.resolve(name).resolve("part-" + i
                    + (i % 2 == 0 ? ".jsonl" : ".jsonl.gz")), files.get(i))));
        }
        return inputs;
    }

    /** The deliveries of each partition, in order. */
    private static List<List<String>> byPartition() {
        List<List<String>> files = List.of(new ArrayList<>(), new ArrayList<>());
        DELIVERIES.forEach(d -> files.get(Integer.parseInt(d[0])).add(d[1]));
        return files;
    }

    @Test
    void givesTheReferenceEnginesAlertsAtParallelismTwo() throws Exception {
        List<InputSource> inputs = write("base", byPartition());

        ReplayHarness.Result replay = ReplayHarness.flink(inputs, ReplayHarness.enrichment(List.of()), SUITE, 2,
                TimeRange.ALL, dir.resolve("out-base"));
        List<String> reference = ReplayHarness.reference(inputs, ReplayHarness.enrichment(List.of()), SUITE);

        assertThat(replay.alerts()).isEqualTo(reference);
        assertThat(replay.alerts()).hasSize(3)
                .allMatch(a -> a.contains("\"mode\":\"replay\""))
                .noneMatch(a -> a.contains("10.0.0.2"));
        assertThat(replay.alerts()).filteredOn(a -> a.contains("10.0.0.1")).hasSize(2)
                .anyMatch(a -> a.contains("\"revision\":2"));
        assertThat(replay.report().alertsByDetector()).containsEntry("burst", 3L);
        assertThat(replay.report().flows()).isEqualTo(DELIVERIES.size());
        assertThat(replay.late()).isEmpty();
    }

    @Test
    void givesTheSameAlertsWhateverTheSplitOrderDuplicatesAndParallelism() throws Exception {
        List<String> expected = ReplayHarness.flink(write("p1", byPartition()), ReplayHarness.enrichment(List.of()),
                SUITE, 1, TimeRange.ALL, dir.resolve("out-p1")).alerts();
        assertThat(expected).hasSize(3);

        // the same partitions listed in the other order, replayed at parallelism 2
        List<List<String>> reversed = new ArrayList<>(byPartition());
        Collections.reverse(reversed);
        assertThat(run("reversed", reversed, 2)).isEqualTo(expected);

        // split into five files by source and minute instead of by partition, each still in delivery order
        List<List<String>> five = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < DELIVERIES.size(); i++) {
            five.get((i * 7) % 5).add(DELIVERIES.get(i)[1]);
        }
        assertThat(run("five", five, 2)).isEqualTo(expected);

        // every tenth body delivered twice, the copy a little later in another partition
        List<List<String>> duplicated = byPartition();
        List<String> copies = new ArrayList<>();
        for (int i = 0; i < DELIVERIES.size(); i += 10) {
            copies.add(DELIVERIES.get(i)[1]);
        }
        duplicated = List.of(duplicated.get(0), duplicated.get(1), copies);
        assertThat(run("duplicated", duplicated, 2)).isEqualTo(expected);

        // each partition shuffled within a few minutes (well inside the lateness)
        List<List<String>> shuffled = new ArrayList<>();
        for (List<String> partition : byPartition()) {
            List<String> copy = new ArrayList<>(partition);
            Random random = new Random(partition.size());
            for (int i = 0; i + 8 <= copy.size(); i += 8) {
                Collections.shuffle(copy.subList(i, i + 8), random);
            }
            shuffled.add(copy);
        }
        assertThat(run("shuffled", shuffled, 1)).isEqualTo(expected);
    }

    @Test
    void writesLateFlowsOutAndCountsThemPerDetector() throws Exception {
        List<List<String>> files = byPartition();
        // a stray delivery of minute 2 at the end of partition 0, long after the watermark passed it
        String stray = FirewallLines.body(List.of(FirewallLines.record(T0.plus(Duration.ofMinutes(2)), "10.0.0.9",
                "203.0.113.50", 443, 65000)));
        files.get(0).add(stray);
        List<InputSource> inputs = write("late", files);
        List<String> referenceLate = new ArrayList<>();

        ReplayHarness.Result replay = ReplayHarness.flink(inputs, ReplayHarness.enrichment(List.of()), SUITE, 2,
                TimeRange.ALL, dir.resolve("out-late"));
        List<String> reference = ReplayHarness.reference(inputs, ReplayHarness.enrichment(List.of()), SUITE,
                TimeRange.ALL, referenceLate);

        assertThat(replay.late()).hasSize(1).first().asString()
                .contains("\"detector\":\"burst\"", "10.0.0.9", "\"watermark\":\"2025-03-01T08:29");
        assertThat(replay.late()).isEqualTo(referenceLate);
        assertThat(replay.report().lateByDetector()).containsEntry("burst", 1L);
        assertThat(replay.alerts()).isEqualTo(reference);
        assertThat(replay.stderr()).contains("late (per detector): (burst 1)");
    }

    @Test
    void quarantinesWhatCannotBeReadAndKeepsToTheTimeRange() throws Exception {
        List<List<String>> files = byPartition();
        files.get(1).add(3, "{\"records\":[{\"category\":\"AZFWNetworkRule\",\"time\":\"yesterday\"}]}");
        files.get(1).add(5, "not json at all");
        List<InputSource> inputs = write("range", files);
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(30)));

        ReplayHarness.Result replay = ReplayHarness.flink(inputs, ReplayHarness.enrichment(List.of()), SUITE, 2,
                range, dir.resolve("out-range"));

        assertThat(replay.quarantine()).hasSize(2).allMatch(q -> q.contains("part-1.jsonl.gz"));
        assertThat(replay.alerts()).hasSize(1).first().asString().contains("10.0.0.1", "2025-03-01T08:20:00.000Z");
        assertThat(replay.report().total("quarantined")).isEqualTo(2);
        assertThat(replay.report().total("entries")).isEqualTo(DELIVERIES.size() + 2);
        assertThat(replay.report().counts().get("input/outsideRange") + replay.report().flows())
                .isEqualTo(DELIVERIES.size());
        assertThat(replay.alerts()).isEqualTo(ReplayHarness.reference(inputs, ReplayHarness.enrichment(List.of()),
                SUITE, range, new ArrayList<>()));
    }

    private static List<String> run(String name, List<List<String>> files, int parallelism) throws Exception {
        return ReplayHarness.flink(write(name, files), ReplayHarness.enrichment(List.of()), SUITE, parallelism,
                TimeRange.ALL, dir.resolve("out-" + name)).alerts();
    }
}
