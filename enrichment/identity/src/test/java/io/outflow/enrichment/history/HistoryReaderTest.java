package io.outflow.enrichment.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.net.IpAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryReaderTest {
    private static final String CLUSTER = "aks-shop";
    private static final List<String> WATCH_FILES = List.of("shop-pods.watch.json", "shop-replicasets.watch.json",
            "shop-jobs.watch.json", "shop-nodes.watch.json", "shop-deployments.watch.json");
    private static final List<String> ADDRESSES = List.of("10.244.1.17", "10.244.1.23", "10.244.1.31",
            "fd00:10:244:1::1f", "10.244.0.12", "10.244.1.66", "10.224.0.5", "10.224.0.4", "10.244.1.200",
            "192.0.2.10");

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(HistoryReaderTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<HistorySource> sources(List<Path> files) {
        return files.stream().map(f -> new HistorySource(CLUSTER, f, true)).toList();
    }

    private static List<Path> watchFixtures() {
        return WATCH_FILES.stream().map(HistoryReaderTest::fixture).toList();
    }

    private static IdentityTimeline load(List<Path> files, HistoryCounts[] countsOut) throws IOException {
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        HistoryCounts counts = IdentityHistory.load(sources(files), timeline, null);
        if (countsOut != null) {
            countsOut[0] = counts;
        }
        return timeline;
    }

    /** Every answer of a grid of addresses × times, as comparable text. */
    private static List<String> grid(IdentityTimeline timeline, Instant from, Instant to) {
        return grid(timeline, from, to, true);
    }

    /** @param withSpans whether to include each answer's [from, to), which a snapshot cannot know the end of */
    private static List<String> grid(IdentityTimeline timeline, Instant from, Instant to, boolean withSpans) {
        List<String> out = new ArrayList<>();
        for (String ip : ADDRESSES) {
            for (Instant t = from; t.isBefore(to); t = t.plusSeconds(15)) {
                IdentityAnswer a = timeline.lookup(CLUSTER, IpAddress.require(ip), t.toEpochMilli());
                String who = withSpans ? a.toString() : a.isKnown() ? a.describe() : a.reason().text();
                out.add(ip + "@" + t + " " + who + " " + a.workloadKind() + "/" + a.workload() + " "
                        + a.ownerInference() + " " + a.serviceAccount() + " " + a.node());
            }
        }
        return out;
    }

    private static List<String> morning(IdentityTimeline timeline) {
        return grid(timeline, Instant.parse("2026-01-15T01:29:00Z"), Instant.parse("2026-01-15T03:10:00Z"));
    }

    @Test
    void prettyPrintedWatchEventsBuildTheStory() throws IOException {
        HistoryCounts[] counts = new HistoryCounts[1];
        IdentityTimeline timeline = load(watchFixtures(), counts);

        assertThat(counts[0].changes(ObjectKind.POD)).isEqualTo(16);
        assertThat(counts[0].changes(ObjectKind.REPLICA_SET)).isEqualTo(1);
        assertThat(counts[0].changes(ObjectKind.JOB)).isEqualTo(2);
        assertThat(counts[0].changes(ObjectKind.NODE)).isEqualTo(2);
        assertThat(counts[0].skippedKinds()).isEqualTo(Map.of("Deployment", 1L));
        assertThat(counts[0].broken()).isZero();

        IdentityAnswer checkout = lookup(timeline, "10.244.1.17", "2026-01-15T02:30:00Z");
        assertThat(checkout.pod()).isEqualTo("checkout-7f9c6b5d8-x2k4p");
        assertThat(checkout.workload()).isEqualTo("checkout");
        assertThat(checkout.workloadKind()).isEqualTo("Deployment");
        assertThat(checkout.from()).isEqualTo(Instant.parse("2026-01-15T01:58:01Z"));
        assertThat(checkout.to()).isEqualTo(Instant.parse("2026-01-15T03:01:00Z"));
        assertThat(lookup(timeline, "10.244.1.17", "2026-01-15T03:02:00Z").reason().text())
                .isEqualTo("no-owner-at-time");
        IdentityAnswer worker = lookup(timeline, "10.244.1.17", "2026-01-15T03:05:00Z");
        assertThat(worker.workload()).isEqualTo("batch-worker");
        assertThat(worker.ownerInference()).isEqualTo("pod-template-hash");

        IdentityAnswer job = lookup(timeline, "10.244.1.23", "2026-01-15T02:03:00Z");
        assertThat(job.workloadKind()).isEqualTo("CronJob");
        assertThat(job.workload()).isEqualTo("nightly-report");
        assertThat(job.to()).isEqualTo(Instant.parse("2026-01-15T02:04:10Z"));
        assertThat(lookup(timeline, "10.244.1.23", "2026-01-15T02:06:00Z").pod())
                .isEqualTo("checkout-7f9c6b5d8-m9tqs");

        assertThat(lookup(timeline, "fd00:10:244:1::1f", "2026-01-15T02:00:00Z").pod()).isEqualTo("ledger-0");
        IdentityAnswer proxyNode = lookup(timeline, "10.224.0.5", "2026-01-15T02:00:00Z");
        assertThat(proxyNode.attribution()).isEqualTo(Attribution.node);
        assertThat(proxyNode.node()).isEqualTo("aks-user-28764911-vmss000001");
        assertThat(lookup(timeline, "10.244.0.12", "2026-01-15T02:00:00Z").workload()).isEqualTo("legacy-api");
        assertThat(lookup(timeline, "192.0.2.10", "2026-01-15T02:00:00Z").reason().text())
                .isEqualTo("outside-known-ranges");
    }

    @Test
    void watchEventsOnePerLineGiveTheSameTimelineAsPrettyPrinted() throws IOException {
        List<Path> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (Path pretty : watchFixtures()) {
            Path compact = dir.resolve(pretty.getFileName() + "l");
            try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class).readValues(pretty.toFile());
                 Writer out = Files.newBufferedWriter(compact)) {
                while (docs.hasNext()) {
                    out.write(mapper.writeValueAsString(docs.next()));
                    out.write('\n');
                }
            }
            lines.add(compact);
        }
        assertThat(Files.readAllLines(lines.get(0))).hasSize(16);

        assertThat(morning(load(lines, null))).isEqualTo(morning(load(watchFixtures(), null)));
    }

    @Test
    void concatenatedFilesAndAnyFileOrderGiveTheSameTimeline() throws IOException {
        Path all = dir.resolve("all.json");
        try (OutputStream out = Files.newOutputStream(all)) {
            // nodes and owners last: objects arrive after the pods that need them
            List<Path> reversed = new ArrayList<>(watchFixtures());
            java.util.Collections.reverse(reversed);
            for (Path f : reversed) {
                Files.copy(f, out);
            }
        }
        assertThat(morning(load(List.of(all), null))).isEqualTo(morning(load(watchFixtures(), null)));
    }

    @Test
    void listSnapshotGivesTheSameAnswersAsTheWatchForItsObjects() throws IOException {
        HistoryCounts[] counts = new HistoryCounts[1];
        IdentityTimeline fromList = load(List.of(fixture("shop-snapshot-0220.list.json")), counts);
        assertThat(counts[0].changes(ObjectKind.POD)).isEqualTo(6);
        assertThat(counts[0].changes(ObjectKind.NODE)).isEqualTo(2);

        IdentityTimeline fromWatch = load(watchFixtures(), null);
        // up to the snapshot's moment both name the same owners (the snapshot cannot know ends still to come)
        Instant from = Instant.parse("2026-01-15T01:29:00Z");
        Instant to = Instant.parse("2026-01-15T02:20:00Z");
        assertThat(grid(fromList, from, to, false)).isEqualTo(grid(fromWatch, from, to, false));
        // an end that already happened is known to both: the Job pod's
        assertThat(lookup(fromList, "10.244.1.23", "2026-01-15T02:03:00Z").to())
                .isEqualTo(Instant.parse("2026-01-15T02:04:10Z"));
    }

    @Test
    void identityChangeArchiveRoundTripsAndGivesTheSameTimeline() throws IOException {
        List<IdentityChange> changes = new ArrayList<>();
        HistoryReader reader = new HistoryReader();
        HistoryCounts counts = new HistoryCounts();
        for (HistorySource source : sources(watchFixtures())) {
            reader.read(source, changes::add, counts);
        }
        Path archive = dir.resolve("identity-2026-01-15.avro");
        try (IdentityChangeArchive writer = IdentityChangeArchive.create(archive)) {
            for (IdentityChange change : changes) {
                writer.append(change);
            }
        }
        List<IdentityChange> back = new ArrayList<>();
        assertThat(IdentityChangeArchive.read(archive, back::add)).isEqualTo(changes.size());
        assertThat(back).isEqualTo(changes);

        // the archive names its clusters itself
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        IdentityHistory.load(List.of(HistorySource.parse(archive.toString())), timeline, null);
        assertThat(timeline.clusters()).containsExactly(CLUSTER);
        assertThat(morning(timeline)).isEqualTo(morning(load(watchFixtures(), null)));
    }

    @Test
    void namedClusterReplacesTheOneRecordedInAnArchive() throws IOException {
        Path archive = dir.resolve("a.avro");
        try (IdentityChangeArchive writer = IdentityChangeArchive.create(archive)) {
            new HistoryReader().read(new HistorySource(CLUSTER, fixture("shop-nodes.watch.json"), true),
                    change -> {
                        try {
                            writer.append(change);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }, new HistoryCounts());
        }
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        IdentityHistory.load(List.of(HistorySource.parse("aks-renamed=" + archive)), timeline, null);
        assertThat(timeline.clusters()).containsExactly("aks-renamed");
    }

    @Test
    void gzipFilesAreReadLikePlainOnes() throws IOException {
        Path gz = dir.resolve("pods.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(fixture("shop-pods.watch.json"), out);
        }
        HistoryCounts[] counts = new HistoryCounts[1];
        load(List.of(gz), counts);
        assertThat(counts[0].changes(ObjectKind.POD)).isEqualTo(16);
    }

    @Test
    void brokenDocumentsAreCountedWithTheirLineAndReadingCarriesOn() throws IOException {
        List<String> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (MappingIterator<JsonNode> docs = mapper.readerFor(JsonNode.class)
                .readValues(fixture("shop-pods.watch.json").toFile())) {
            while (docs.hasNext()) {
                lines.add(mapper.writeValueAsString(docs.next()));
            }
        }
        String cut = lines.get(3).substring(0, lines.get(3).length() / 2); // a line cut mid-string
        lines.set(3, cut);
        lines.add(5, "{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",}}"); // balanced but invalid
        lines.add(7, "garbage between documents");
        lines.add(9, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"1\"}}}");
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        HistoryCounts[] counts = new HistoryCounts[1];
        load(List.of(file), counts);
        assertThat(counts[0].changes(ObjectKind.POD)).isEqualTo(15);
        assertThat(counts[0].broken()).isEqualTo(3);
        assertThat(counts[0].problems()).satisfiesExactly(
                p -> assertThat(p).startsWith(file + ":4: incomplete JSON document"),
                p -> assertThat(p).startsWith(file + ":6: invalid JSON"),
                p -> assertThat(p).startsWith(file + ":8: incomplete JSON document: garbage"));
        assertThat(counts[0].skippedEvents()).isEqualTo(Map.of("BOOKMARK", 1L));
    }

    @Test
    void prettyDocumentCutShortIsSkippedAtTheNextTopLevelBrace() throws IOException {
        String pods = Files.readString(fixture("shop-pods.watch.json"));
        int second = pods.indexOf("\n{", 1) + 1;
        int third = pods.indexOf("\n{", second) + 1;
        // the second event loses its second half; the third starts on the next line
        String broken = pods.substring(0, second) + pods.substring(second, (second + third) / 2) + "\n"
                + pods.substring(third);
        Path file = dir.resolve("cut.json");
        Files.writeString(file, broken);

        HistoryCounts[] counts = new HistoryCounts[1];
        load(List.of(file), counts);
        assertThat(counts[0].changes(ObjectKind.POD)).isEqualTo(15);
        assertThat(counts[0].broken()).isEqualTo(1);
    }

    @Test
    void addressFilterReadsLessAndAnswersTheSame() throws IOException {
        IdentityTimeline full = load(watchFixtures(), null);
        for (String ip : List.of("10.244.1.17", "10.244.1.23", "10.224.0.5", "fd00:10:244:1::1f")) {
            IdentityTimeline filtered = new IdentityTimeline(IdentitySettings.DEFAULT);
            HistoryCounts counts = IdentityHistory.load(sources(watchFixtures()), filtered,
                    AddressFilter.forAddress(IpAddress.require(ip)));
            assertThat(counts.filteredOut()).isPositive();
            for (Instant t = Instant.parse("2026-01-15T01:29:00Z"); t.isBefore(Instant.parse("2026-01-15T03:10:00Z"));
                    t = t.plusSeconds(15)) {
                IdentityAnswer a = filtered.lookup(CLUSTER, IpAddress.require(ip), t.toEpochMilli());
                IdentityAnswer b = full.lookup(CLUSTER, IpAddress.require(ip), t.toEpochMilli());
                assertThat(a.toIdentity()).as(ip + " at " + t).isEqualTo(b.toIdentity());
            }
        }
    }

    @Test
    void lookupsInsideTheFilesSpanNeverExpireWhateverTheWatermark() throws IOException {
        IdentityTimeline timeline = load(watchFixtures(), null);
        timeline.advance(Instant.parse("2026-02-15T00:00:00Z").toEpochMilli()); // a month later
        timeline.sweepNow();

        assertThat(lookup(timeline, "10.244.1.23", "2026-01-15T02:03:00Z").workload()).isEqualTo("nightly-report");
        assertThat(lookup(timeline, "10.244.1.66", "2026-01-15T02:40:00Z").pod()).isEqualTo("debug-shell");
        assertThat(lookup(timeline, "10.244.1.66", "2026-01-15T02:50:00Z").reason().text())
                .isEqualTo("no-owner-at-time");
        // outside the span the horizon rules: two weeks later nothing can be told about a free address
        assertThat(lookup(timeline, "10.244.1.66", "2026-01-29T00:00:00Z").reason().text()).isEqualTo("expired");
    }

    @Test
    void clusterPrefixNamesTheClusterOfAFile() {
        assertThat(HistorySource.parse("aks-prod=/data/watch.json"))
                .isEqualTo(new HistorySource("aks-prod", Path.of("/data/watch.json"), true));
        assertThat(HistorySource.parse("/data/watch.json"))
                .isEqualTo(new HistorySource("default", Path.of("/data/watch.json"), false));
        // a prefix that cannot be a cluster name is part of the path
        assertThat(HistorySource.parse("./a=b/watch.json").file()).isEqualTo(Path.of("./a=b/watch.json"));
        assertThatThrownBy(() -> HistorySource.parse("aks-prod=")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableArchiveIsAnError() throws IOException {
        Path bad = dir.resolve("bad.avro");
        Files.write(bad, new byte[] {'O', 'b', 'j', 1, 0, 0, 0});
        assertThatThrownBy(() -> load(List.of(bad), null)).isInstanceOf(IOException.class);
    }

    private static IdentityAnswer lookup(IdentityTimeline timeline, String ip, String time) {
        return timeline.lookup(CLUSTER, IpAddress.require(ip), Instant.parse(time).toEpochMilli());
    }
}
