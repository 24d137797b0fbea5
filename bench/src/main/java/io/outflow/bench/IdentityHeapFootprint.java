package io.outflow.bench;

import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.enrichment.timeline.TimelineStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Retained heap per live pod of an identity timeline: used heap after full collections, before and after
 * applying {@code pods} pods of {@code workloads} workloads (every change is dropped once applied, so only what
 * the timeline keeps is counted, workload strings included). Run:
 * {@code java -Xmx1g -cp "bench/target/outflow-bench.jar:$(cat bench/target/classpath.txt)"
 * io.outflow.bench.IdentityHeapFootprint [pods] [workloads] [churn]}.
 */
public final class IdentityHeapFootprint {
    private IdentityHeapFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int workloads = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        double churn = args.length > 2 ? Double.parseDouble(args[2]) : 0.0;
        SyntheticCluster cluster = new SyntheticCluster(pods, workloads, churn, 42);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        long before = settledUsedHeap(memory);
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        cluster.emit(timeline::apply, 7);
        long after = settledUsedHeap(memory);

        TimelineStats stats = timeline.stats();
        double perPod = (after - before) / (double) stats.livePods();
        System.out.printf("%s%nretained: %.1f MB for %d live pods (%d ended kept) across %d workloads: "
                        + "%.0f bytes per live pod%n", stats, (after - before) / 1e6, stats.livePods(),
                stats.endedPods(), workloads, perPod);
        // keep both alive until after the measurement
        if (timeline.stats().livePods() < 0 || cluster.pods < 0) {
            System.out.println();
        }
    }

    private static long settledUsedHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
