package io.outflow.bench;

import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.enrichment.timeline.LookupScope;
import io.outflow.enrichment.timeline.RangeMatch;
import io.outflow.schemas.net.IpAddress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Random;

/**
 * Lookups per CPU-second of the measuring thread, on the timeline and query mix of
 * {@link IdentityLookupBenchmark}: on a machine shared with other work, wall-clock throughput measures the share of
 * a core the thread got; thread CPU time measures what one core does. Rounds of 2^22 lookups, after warm-up; prints
 * the median and best round for a parsed address and for the text (parse included). Run:
 * {@code java -Xmx2g -cp … io.outflow.bench.IdentityLookupCpuTime [pods] [rounds]}.
 */
public final class IdentityLookupCpuTime {
    private static final int QUERIES = 1 << 16;
    private static final int PER_ROUND = 1 << 22;

    private IdentityLookupCpuTime() {
    }

    public static void main(String[] args) {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        SyntheticCluster cluster = new SyntheticCluster(pods, 2000, 0.2, 42);
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        cluster.emit(timeline::apply, 7);
        Random random = new Random(11);
        IpAddress[] addresses = new IpAddress[QUERIES];
        String[] texts = new String[QUERIES];
        long[] times = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            int i = random.nextInt(pods);
            int address = q % 10 == 9 ? (10 << 24) | (244 << 16) | ((i / 110) << 8) | 250 : SyntheticCluster.address(i);
            texts[q] = SyntheticCluster.text(address);
            addresses[q] = IpAddress.parse(texts[q]);
            times[q] = SyntheticCluster.T0 + (long) (random.nextDouble() * 2 * SyntheticCluster.DAY);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String variant : new String[] {"address", "text"}) {
            double[] perCpuSecond = new double[rounds];
            double[] perWallSecond = new double[rounds];
            long sink = 0;
            for (int r = -5; r < rounds; r++) { // five warm-up rounds
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int k = 0; k < PER_ROUND; k++) {
                    int q = k & (QUERIES - 1);
                    IpAddress ip = variant.equals("address") ? addresses[q] : IpAddress.parse(texts[q]);
                    sink += timeline.lookup(SyntheticCluster.CLUSTER, ip, times[q], LookupScope.ANY,
                            RangeMatch.UNCONFIGURED).attribution().ordinal();
                }
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                wall = System.nanoTime() - wall;
                if (r >= 0) {
                    perCpuSecond[r] = PER_ROUND / (cpu / 1e9);
                    perWallSecond[r] = PER_ROUND / (wall / 1e9);
                }
            }
            Arrays.sort(perCpuSecond);
            Arrays.sort(perWallSecond);
            System.out.printf("%-8s lookups per CPU-second: median %.1f M, best %.1f M; per wall second: median %.1f M"
                            + " (checksum %d)%n", variant, perCpuSecond[rounds / 2] / 1e6,
                    perCpuSecond[rounds - 1] / 1e6, perWallSecond[rounds / 2] / 1e6, sink);
        }
    }
}
