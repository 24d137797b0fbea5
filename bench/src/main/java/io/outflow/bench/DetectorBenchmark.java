package io.outflow.bench;

import io.outflow.detectors.Detector;
import io.outflow.schemas.EnrichedFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code keyOf} + {@code absorb} of the detectors on pre-enriched flows (registered domain computed upstream), one
 * thread: flows per second per core. One operation is one flow through the chosen detector ({@code all}: through all
 * four, in the engines' order). Each invocation folds {@value #FLOWS} flows of {@link EgressTraffic} (300 workloads and
 * nodes, the first 200,000 flows of 3.5 hours of event time) into fresh states held in a {@link HashMap}, as an engine's in-memory cache
 * would; advancing and alerting are not part of it ({@link DetectorStateSizes} measures state).
 *
 * <p>Run: {@code java -cp "bench/target/outflow-bench.jar:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main
 * DetectorBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.outflow"})
public class DetectorBenchmark {
    static final int FLOWS = 200_000;

    @Param({"cryptomining", "new_fqdn", "bandwidth_spike", "beaconing", "all"})
    public String detector;

    private EnrichedFlow[] flows;
    private List<Slot<?>> slots;

    /** One detector and its states by key. */
    static final class Slot<S> {
        final Detector<S> detector;
        HashMap<String, S> states = new HashMap<>();

        Slot(Detector<S> detector) {
            this.detector = detector;
        }

        void accept(EnrichedFlow flow) {
            Optional<String> key = detector.keyOf(flow);
            if (key.isPresent()) {
                String k = key.get();
                states.put(k, detector.absorb(states.get(k), flow));
            }
        }

        void reset() {
            states = new HashMap<>(states.size() * 2);
        }
    }

    @Setup(Level.Trial)
    public void load() {
        List<EnrichedFlow> traffic = EgressTraffic.generate(300, 60, 3.5, 7);
        flows = traffic.subList(0, Math.min(FLOWS, traffic.size())).toArray(new EnrichedFlow[0]);
        if (flows.length < FLOWS) {
            throw new IllegalStateException("only " + flows.length + " flows generated");
        }
        slots = new ArrayList<>();
        for (Detector<?> d : BenchDetectors.named(detector)) {
            slots.add(new Slot<>(d));
        }
        System.out.printf("%n%d flows, %s to %s, detectors %s%n", flows.length, flows[0].getFlow().getTime(),
                flows[flows.length - 1].getFlow().getTime(), BenchDetectors.names(detector));
    }

    @Setup(Level.Invocation)
    public void freshStates() {
        for (Slot<?> slot : slots) {
            slot.reset();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void keyOfAndAbsorb(Blackhole hole) {
        for (EnrichedFlow flow : flows) {
            for (Slot<?> slot : slots) {
                slot.accept(flow);
            }
        }
        for (Slot<?> slot : slots) {
            hole.consume(slot.states.size());
        }
    }
}
