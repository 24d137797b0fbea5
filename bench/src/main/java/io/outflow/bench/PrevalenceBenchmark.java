package io.outflow.bench;

import io.outflow.detectors.prevalence.Contact;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.prevalence.PrevalenceSettings;
import io.outflow.detectors.prevalence.PrevalenceState;
import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code contactOf} + {@code absorb} of the prevalence stage on the flows of {@link DetectorBenchmark} (the same
 * {@value DetectorBenchmark#FLOWS} flows of {@link EgressTraffic}), one thread: flows per second per core. The setup
 * prints the encoded state bytes per destination after the whole trial's traffic, advanced to its last event time.
 *
 * <p>Run: {@code java -cp "bench/target/outflow-bench.jar:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main
 * PrevalenceBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.outflow"})
public class PrevalenceBenchmark {
    private final DestinationPrevalence stage = new DestinationPrevalence(PrevalenceSettings.DEFAULT);
    private EnrichedFlow[] flows;
    private HashMap<String, PrevalenceState> states = new HashMap<>();

    @Setup(Level.Trial)
    public void load() {
        List<EnrichedFlow> traffic = EgressTraffic.generate(300, 60, 3.5, 7);
        flows = traffic.subList(0, Math.min(DetectorBenchmark.FLOWS, traffic.size())).toArray(new EnrichedFlow[0]);
        absorbAll();
        Instant last = flows[flows.length - 1].getFlow().getTime();
        int[] sizes = states.values().stream()
                .map(s -> stage.advance(s, last).state())
                .filter(s -> s != null)
                .mapToInt(s -> stage.stateCodec().encode(s).length).sorted().toArray();
        System.out.printf(Locale.ROOT, "%n%d flows, %d destinations; encoded bytes per destination: mean %.0f, "
                        + "median %d, max %d%n", flows.length, sizes.length, Arrays.stream(sizes).average().orElse(0),
                sizes[sizes.length / 2], sizes[sizes.length - 1]);
    }

    @Setup(Level.Invocation)
    public void freshStates() {
        states = new HashMap<>(states.size() * 2);
    }

    @Benchmark
    @OperationsPerInvocation(DetectorBenchmark.FLOWS)
    public void keyOfAndAbsorb(Blackhole hole) {
        absorbAll();
        hole.consume(states.size());
    }

    private void absorbAll() {
        for (EnrichedFlow flow : flows) {
            Optional<Contact> contact = stage.contactOf(flow);
            if (contact.isPresent()) {
                String k = contact.get().key();
                states.put(k, stage.absorb(states.get(k), contact.get()));
            }
        }
    }
}
