package io.outflow.bench;

import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.enrichment.timeline.LookupScope;
import io.outflow.enrichment.timeline.RangeMatch;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.net.IpAddress;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Identity lookups per second on one core: a timeline of {@code pods} live pods across 2,000 workloads (a fifth of
 * the addresses had an earlier owner), queried with a shuffled mix of held addresses at random moments and
 * addresses nobody held. {@code address}: the address already parsed; {@code text}: parsing included (what the
 * enricher does per event); {@code parse}: the parse alone; {@code record}: lookup plus building the
 * {@code WorkloadIdentity} Avro record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.outflow"})
public class IdentityLookupBenchmark {
    private static final int QUERIES = 1 << 16;

    @Param({"100000"})
    public int pods;

    private IdentityTimeline timeline;
    private IpAddress[] addresses;
    private String[] texts;
    private long[] times;
    private int cursor;

    @Setup(Level.Trial)
    public void build() {
        SyntheticCluster cluster = new SyntheticCluster(pods, 2000, 0.2, 42);
        timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        cluster.emit(timeline::apply, 7);
        Random random = new Random(11);
        addresses = new IpAddress[QUERIES];
        texts = new String[QUERIES];
        times = new long[QUERIES];
        int hits = 0;
        for (int q = 0; q < QUERIES; q++) {
            int i = random.nextInt(pods);
            int address = SyntheticCluster.address(i);
            if (q % 10 == 9) {
                address = (10 << 24) | (244 << 16) | ((i / 110) << 8) | 250; // in a node's range, never held
            }
            texts[q] = SyntheticCluster.text(address);
            addresses[q] = IpAddress.parse(texts[q]);
            // a moment in the two days after the pods started, or before the churned ones' successors
            times[q] = SyntheticCluster.T0 + (long) (random.nextDouble() * 2 * SyntheticCluster.DAY);
            if (timeline.lookup(SyntheticCluster.CLUSTER, addresses[q], times[q]).isKnown()) {
                hits++;
            }
        }
        System.out.printf("%n%s: %d queries, %d answered by a pod%n", timeline.stats(), QUERIES, hits);
    }

    private int next() {
        int q = cursor;
        cursor = (q + 1) & (QUERIES - 1);
        return q;
    }

    @Benchmark
    public IdentityAnswer address() {
        int q = next();
        return timeline.lookup(SyntheticCluster.CLUSTER, addresses[q], times[q], LookupScope.ANY,
                RangeMatch.UNCONFIGURED);
    }

    @Benchmark
    public IdentityAnswer text() {
        int q = next();
        return timeline.lookup(SyntheticCluster.CLUSTER, IpAddress.parse(texts[q]), times[q], LookupScope.ANY,
                RangeMatch.UNCONFIGURED);
    }

    /** The parse alone, to tell its cost from the lookup's. */
    @Benchmark
    public IpAddress parse() {
        return IpAddress.parse(texts[next()]);
    }

    @Benchmark
    public WorkloadIdentity record() {
        int q = next();
        return timeline.lookup(SyntheticCluster.CLUSTER, IpAddress.parse(texts[q]), times[q], LookupScope.ANY,
                RangeMatch.UNCONFIGURED).toIdentity();
    }
}
