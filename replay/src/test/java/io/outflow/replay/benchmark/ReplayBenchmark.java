package io.outflow.replay.benchmark;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.replay.ReplayVersion;
import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.input.InputCatalog;
import io.outflow.replay.input.InputSource;
import io.outflow.replay.job.IdentityHistoryEnrichment;
import io.outflow.replay.job.ReplayJob;
import io.outflow.replay.job.output.FlinkFileTarget;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.run.ReplayReport;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.replay.sink.AlertFile;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Replay throughput beside the parse-only rate of the same files, measured in one run: {@code mvn -pl replay
 * exec:exec@benchmark} (or this class with arguments {@code [records] [dir]}). Writes the history once into the
 * directory (default {@code target/benchmark-history}), then: single-thread parse-only (every entry parsed into a
 * FlowEvent, nothing else), and the full replay — merge, enrichment, the product detectors with the default config,
 * alert policy, outputs — on the embedded cluster at parallelism 1 and 2. Peak heap is the sum of the heap pools' peaks
 * during each phase.
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/benchmark-history");
        PrintStream out = System.out;
        ReplayRunner.quietFlinkLogs();

        BenchmarkHistory.Written history;
        Path marker = dir.resolve("records-" + records);
        if (Files.exists(marker)) {
            history = reuse(dir, records);
            out.printf("history: reusing %s%n", dir);
        } else {
            long started = System.nanoTime();
            history = BenchmarkHistory.write(dir, records, Duration.ofDays(3), 240);
            Files.writeString(marker, Long.toString(history.records()));
            out.printf("history: wrote %,d records (%.0f MB) in %.1f s%n", history.records(), history.bytes() / 1e6,
                    (System.nanoTime() - started) / 1e9);
        }
        out.printf("machine: %d cores, Java %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        // warm the parsers once on a slice, then measure a full pass
        parseOnly(history.logs().subList(0, 1));
        resetPeaks();
        long started = System.nanoTime();
        long events = parseOnly(history.logs());
        double parseSeconds = (System.nanoTime() - started) / 1e9;
        double parseRate = events / parseSeconds;
        out.printf("parse-only, 1 thread: %,d events in %.1f s = %,.0f events/s, %.0f MB/s; peak heap %d MB%n", events,
                parseSeconds, parseRate, history.bytes() / 1e6 / parseSeconds, peakHeapMb());

        // one small replay first, so that no measured run pays for the JIT's first pass over Flink and the detectors
        replay(new BenchmarkHistory.Written(history.logs().subList(0, 2), history.history(), 0, 0), 2,
                ReplayConfig.DEFAULTS, dir.resolve("out-warmup"));
        for (int parallelism : new int[] {1, 2}) {
            measure(out, "replay, parallelism " + parallelism, history, parallelism, ReplayConfig.DEFAULTS, parseRate,
                    dir.resolve("out-p" + parallelism));
        }
        // the engine's own cost, without the most expensive detector: where the time of a full replay goes
        ReplayConfig noBeaconing = new ReplayConfig("detectors:\n  beaconing:\n    enabled: false\n", "no-beaconing",
                null);
        measure(out, "replay, parallelism 2, beaconing off", history, 2, noBeaconing, parseRate,
                dir.resolve("out-nobeacon"));
    }

    private static void measure(PrintStream out, String label, BenchmarkHistory.Written history, int parallelism,
                                ReplayConfig config, double parseRate, Path dir) throws Exception {
        System.gc();
        resetPeaks();
        ReplayReport report = replay(history, parallelism, config, dir);
        double rate = report.flowsPerSecond();
        out.printf("%s: %,d flows in %.1f s = %,.0f flows/s (%.0f %% of parse-only); alerts %d; peak heap %d MB%n",
                label, report.flows(), report.elapsed().toMillis() / 1e3, rate, 100 * rate / parseRate,
                report.alerts(), peakHeapMb());
    }

    static long parseOnly(List<Path> files) throws IOException {
        long[] events = new long[1];
        EntrySink counting = new EntrySink() {
            @Override
            public void event(FlowEvent event) {
                events[0]++;
            }

            @Override
            public void quarantine(QuarantineEntry entry) {
            }

            @Override
            public void ignored(String category) {
            }
        };
        LogFileReader reader = LogFileReader.standard();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                reader.read(in, file.toString(), counting);
            }
        }
        return events[0];
    }

    static ReplayReport replay(BenchmarkHistory.Written history, int parallelism, ReplayConfig config, Path out)
            throws Exception {
        List<InputSource> inputs = InputCatalog.resolve(history.logs().stream().map(Path::toString).toList(),
                BlobAccess.fromEnvironment());
        ReplayJob.Outputs outputs = new ReplayJob.Outputs(
                new AlertFile(new FlinkFileTarget(out.resolve("alerts.jsonl").toString()),
                        AlertFile.Format.JSON_LINES),
                new FlinkFileTarget(out.resolve("quarantine.jsonl").toString()),
                new FlinkFileTarget(out.resolve("late.jsonl").toString()));
        ReplayRunner.Request request = new ReplayRunner.Request(inputs,
                new IdentityHistoryEnrichment(List.of("bench=" + history.history()), config),
                new ConfiguredDetectors(config, ReplayVersion.current(), Mode.replay), outputs,
                ReplayJob.Settings.of(Duration.ofMinutes(10), TimeRange.ALL, parallelism));
        return ReplayRunner.run(request, System.err, false);
    }

    private static BenchmarkHistory.Written reuse(Path dir, long records) throws IOException {
        List<Path> logs;
        try (var walk = Files.walk(dir)) {
            logs = walk.filter(p -> p.toString().endsWith(".jsonl.gz") || p.toString().endsWith("PT1H.json"))
                    .filter(p -> !p.toString().contains("/out-")).sorted().toList();
        }
        long bytes = 0;
        for (Path log : logs) {
            bytes += Files.size(log);
        }
        return new BenchmarkHistory.Written(logs, dir.resolve("k8s/watch.jsonl"), records, bytes);
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
