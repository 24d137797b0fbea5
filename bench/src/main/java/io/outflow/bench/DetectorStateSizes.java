package io.outflow.bench;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * State bytes per key of each detector after three days of {@link EgressTraffic} (80 workloads and nodes, 60
 * connections per hour each, some beaconing) run through the reference engine with a 10-minute lateness: the encoded
 * size (what a changelog or savepoint holds) as mean, median, 95th percentile and maximum over keys, and the retained
 * heap per key estimated from the used heap after a full collection with and without the states (it includes the
 * engine's per-key bookkeeping).
 *
 * <p>Run: {@code java -Xmx3g -cp "bench/target/outflow-bench.jar:$(cat bench/target/classpath.txt)"
 * io.outflow.bench.DetectorStateSizes}
 */
public final class DetectorStateSizes {
    private DetectorStateSizes() {
    }

    public static void main(String[] args) {
        int workloads = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 72;
        List<EnrichedFlow> flows = EgressTraffic.generate(workloads, 60, hours, 11);
        System.out.printf(Locale.ROOT, "%d flows over %.0f h from %d workloads and nodes%n%n", flows.size(), hours,
                workloads);
        System.out.println("| detector | keys | encoded bytes per key: mean | median | p95 | max | retained heap per key |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : DetectorNames.ALL) {
            measure(name, flows);
        }
    }

    private static <S> void measure(String name, List<EnrichedFlow> flows) {
        @SuppressWarnings("unchecked")
        Detector<S> detector = (Detector<S>) BenchDetectors.named(name).get(0);
        long before = usedAfterGc();
        LocalRunner runner = new LocalRunner(List.of(detector), Duration.ofMinutes(10), AlertReview.passAll(),
                alert -> { }, late -> { });
        Set<String> keys = new LinkedHashSet<>();
        for (EnrichedFlow flow : flows) {
            runner.accept(flow);
            detector.keyOf(flow).ifPresent(keys::add);
        }
        long after = usedAfterGc();
        List<Integer> sizes = new ArrayList<>();
        for (String key : keys) {
            S state = runner.stateOf(detector, key);
            if (state != null) {
                sizes.add(detector.stateCodec().encode(state).length);
            }
        }
        int[] sorted = sizes.stream().mapToInt(Integer::intValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0);
        int n = sorted.length;
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %d | %d | %d | %s |%n", name, n, mean,
                n == 0 ? 0 : sorted[n / 2], n == 0 ? 0 : sorted[(int) Math.min(n - 1, Math.round(n * 0.95))],
                n == 0 ? 0 : sorted[n - 1], n == 0 ? "-" : String.format(Locale.ROOT, "%.0f", (after - before)
                        / (double) n));
        keepAlive(runner);
    }

    private static volatile Object sink;

    private static void keepAlive(Object o) {
        sink = o;
        sink = null;
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
