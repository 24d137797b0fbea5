package io.outflow.replay.run;

import io.outflow.replay.input.InputSource;
import io.outflow.replay.job.DetectorSuite;
import io.outflow.replay.job.EnrichFunction;
import io.outflow.replay.job.FlowEnrichment;
import io.outflow.replay.job.ReplayJob;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a replay in an embedded Flink cluster (a MiniCluster in this JVM) and reports what it did. The same job can
 * be submitted to a Flink cluster from the job jar ({@code io.outflow.replay.ReplayMain}).
 */
public final class ReplayRunner {

    /** Everything one replay needs. */
    public record Request(List<InputSource> inputs, FlowEnrichment enrichment, DetectorSuite suite,
                          ReplayJob.Outputs outputs, ReplayJob.Settings settings) {
        public long totalBytes() {
            return inputs.stream().mapToLong(InputSource::size).sum();
        }
    }

    private ReplayRunner() {
    }

    /** Runs the replay to its end; the progress line goes to {@code err} when it is a terminal. */
    public static ReplayReport run(Request request, PrintStream err, boolean progress) throws Exception {
        quietFlinkLogs();
        Configuration config = new Configuration();
        ReplayJob.configure(config);
        // counters reach the client with the task managers' heartbeats: often enough for a progress line
        config.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        config.set(RestOptions.BIND_PORT, "0");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                request.settings().parallelism(), config);
        ReplayJob.build(env, request.inputs(), request.enrichment(), request.suite(), request.outputs(),
                request.settings());

        long started = System.nanoTime();
        JobClient job = env.executeAsync(ReplayJob.NAME);
        ProgressLine line = new ProgressLine(err, request.totalBytes(), progress);
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        JobExecutionResult done;
        try {
            while (true) {
                try {
                    done = result.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (progress) {
                        showProgress(job, line, started);
                    }
                }
            }
        } catch (ExecutionException e) {
            throw rootCause(e);
        } finally {
            line.clear();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return report(done.getAllAccumulatorResults(), elapsed, request.outputs());
    }

    public static ReplayReport report(Map<String, Object> accumulators, Duration elapsed, ReplayJob.Outputs outputs) {
        Map<String, Long> counts = new TreeMap<>();
        accumulators.forEach((name, value) -> {
            if (name.startsWith(EnrichFunction.COUNTS) && value instanceof Map<?, ?> map) {
                map.forEach((key, n) -> counts.merge((String) key, ((Number) n).longValue(), Long::sum));
            }
        });
        long flows = ((Number) accumulators.getOrDefault(EnrichFunction.FLOWS, 0L)).longValue();
        long bytes = ((Number) accumulators.getOrDefault(EnrichFunction.BYTES_READ, 0L)).longValue();
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) accumulators.getOrDefault(EnrichFunction.FAILURES, List.of());
        return new ReplayReport(counts, flows, Math.max(0, bytes), failures, elapsed, outputs.alerts().describe(),
                outputs.quarantine().describe(), outputs.late().describe());
    }

    private static void showProgress(JobClient job, ProgressLine line, long started) {
        try {
            Map<String, Object> now = job.getAccumulators().get(1, TimeUnit.SECONDS);
            long flows = ((Number) now.getOrDefault(EnrichFunction.FLOWS, 0L)).longValue();
            long bytes = Math.max(0, ((Number) now.getOrDefault(EnrichFunction.BYTES_READ, 0L)).longValue());
            line.update(flows, bytes, Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception e) {
            // progress is best effort: the job's result decides
        }
    }

    private static Exception rootCause(ExecutionException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof Exception ex ? ex : new RuntimeException(t);
    }

    /**
     * Flink is chatty (its warnings included: delegation tokens, metric name lengths); with slf4j-simple, the CLI's
     * logger, keep Flink to errors and the rest to warnings unless asked otherwise. Effective when no logger was
     * created before, which is the case for the CLI's replay and backtest.
     */
    public static void quietFlinkLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        for (String chatty : new String[] {"org.apache.flink", "org.apache.pekko"}) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + chatty) == null) {
                System.setProperty("org.slf4j.simpleLogger.log." + chatty, "error");
            }
        }
    }
}
