package io.outflow.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.outflow.ingest.BodyParser;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.SourceRef;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse throughput per log family beside a baseline measured on the same bytes in the same run: Jackson's streaming
 * tokenizer reading every token without building anything (and, for context, Jackson's own tree of the same bytes).
 * One operation reads the whole sample set; bytes and
 * entries per operation are printed at setup so ops/s converts to MB/s and records/s. Run with {@code -prof gc} for
 * allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.outflow"})
public class ParserBenchmark {

    @Param({"azfw-application-rule", "legacy-network-rule", "vnet-flow-log"})
    public String family;

    private List<byte[]> bodies;
    private final BodyParser parser = BodyParser.standard();
    private final JsonFactory json = JsonFactory.builder().build();
    private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

    @Setup(Level.Trial)
    public void load() {
        bodies = switch (family) {
            case "azfw-application-rule" -> LogSamples.applicationRuleBodies(200, 50);
            case "legacy-network-rule" -> LogSamples.legacyNetworkRuleBodies(200, 50);
            case "vnet-flow-log" -> LogSamples.vnetFlowLogBodies(20, 500);
            default -> throw new IllegalArgumentException(family);
        };
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        Counting counting = new Counting(null);
        bodies.forEach(b -> parser.parse(b, new SourceRef("bench", 0), counting));
        System.out.printf("%n[%s] per operation: %d bytes, %d entries (%d events, %d quarantined)%n", family, bytes,
                counting.events + counting.quarantined, counting.events, counting.quarantined);
        if (counting.quarantined > 0) {
            throw new IllegalStateException(family + ": the sample must parse cleanly");
        }
    }

    @Benchmark
    public void tokenizeOnly(Blackhole hole) throws IOException {
        for (byte[] body : bodies) {
            try (JsonParser p = json.createParser(body)) {
                while (p.nextToken() != null) {
                    hole.consume(p.currentTokenId());
                }
            }
        }
    }

    /** A second reference point: Jackson building its general-purpose tree of the same bytes. */
    @Benchmark
    public void jacksonTree(Blackhole hole) throws IOException {
        for (byte[] body : bodies) {
            hole.consume(mapper.readTree(body));
        }
    }

    @Benchmark
    public void parseToFlowEvents(Blackhole hole) {
        Counting sink = new Counting(hole);
        for (byte[] body : bodies) {
            parser.parse(body, new SourceRef("bench", 0), sink);
        }
    }

    private static final class Counting implements EntrySink {
        private final Blackhole hole;
        long events;
        long quarantined;

        Counting(Blackhole hole) {
            this.hole = hole;
        }

        @Override
        public void event(FlowEvent event) {
            events++;
            if (hole != null) {
                hole.consume(event);
            }
        }

        @Override
        public void quarantine(QuarantineEntry entry) {
            quarantined++;
        }

        @Override
        public void ignored(String category) {
        }
    }
}
