package io.outflow.ingest.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.files.LogFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the parsers over every public sample in {@code ../shared/corpus} (when that folder sits beside the
 * repository): each entry must be parsed, ignored or quarantined with a specific reason, and the files the corpus
 * marks as deliberately broken must give the quarantine reasons below. The samples stay in the shared folder: their
 * licences do not allow copying them into this repository.
 */
class CorpusConformanceTest {

    /** Files whose entries are expected in quarantine, with a fragment of the expected reason. */
    private static final Map<String, String> EXPECTED_QUARANTINE = Map.ofEntries(
            Map.entry("elastic-test-AZFWApplicationRule-raw.log", "invalid JSON"),
            Map.entry("elastic-test-AZFWNatRule-raw.log", "is not an IP address"),
            Map.entry("elastic-test-AZFWNetworkRule-raw.log", "is not an IP address"),
            Map.entry("msdocs-logs-and-metrics-dnsproxy-failed.json.txt", "line break inside a JSON string"),
            Map.entry("elastic-test-time-formats-corner-cases.log", "unsupported time format"),
            Map.entry("msdocs-nsg-flow-logs-overview-v1.json", "category: missing"),
            Map.entry("msdocs-vnet-flow-logs-overview-bandwidth-tuples.txt", "text outside any JSON value"),
            Map.entry("msdocs-resource-logs-eventhub-sample.json", "unknown category 'WorkflowRuntime'"));

    static Stream<Path> corpusFiles() throws IOException {
        Path corpus = locateCorpus();
        if (corpus == null) {
            return Stream.of(Path.of("(no ../shared/corpus beside the repository)"));
        }
        try (Stream<Path> walk = Files.walk(corpus)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("SOURCES.md"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void everyEntryIsParsedIgnoredOrQuarantinedWithAReason(Path file) throws IOException {
        assumeTrue(Files.exists(file), "the shared corpus is not present");
        String name = file.getFileName().toString();
        if (name.endsWith(".avsc")) {
            checkCaptureSchema(file);
            return;
        }
        CollectingSink sink = new CollectingSink();

        LogFileReader.standard().read(file, sink);

        assertThat(sink.counts().entries()).as("entries in %s", name).isPositive();
        assertThat(sink.quarantined).allSatisfy(q -> {
            assertThat(q.reason()).isNotBlank().doesNotStartWith("internal parser error");
            assertThat(q.source()).startsWith(file.toString());
        });
        assertThat(sink.events).allSatisfy(e -> {
            assertThat(e.getEventId()).hasSize(32);
            assertThat(e.getWarnings()).noneMatch(w -> w.startsWith("internal"));
        });
        String expected = EXPECTED_QUARANTINE.get(name);
        if (expected == null) {
            assertThat(sink.quarantined).as("quarantined entries of %s", name).isEmpty();
        } else {
            assertThat(sink.quarantined).as("quarantine of %s", name)
                    .anySatisfy(q -> assertThat(q.reason()).contains(expected));
        }
    }

    private static void checkCaptureSchema(Path file) throws IOException {
        Schema corpus = new Schema.Parser().parse(file.toFile());
        Schema ours;
        try (InputStream in = CorpusConformanceTest.class.getResourceAsStream("/io/outflow/schemas/EventHubsCapture.avsc")) {
            ours = new Schema.Parser().parse(in);
        }
        assertThat(corpus.getFullName()).isEqualTo(ours.getFullName());
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(ours, corpus).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(corpus, ours).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    /** {@code ../shared/corpus} beside the repository root (the directory holding the launcher). */
    static Path locateCorpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("outflow")) && Files.exists(dir.resolve("pom.xml"))) {
                Path corpus = dir.resolveSibling("shared").resolve("corpus");
                return Files.isDirectory(corpus) ? corpus : null;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
