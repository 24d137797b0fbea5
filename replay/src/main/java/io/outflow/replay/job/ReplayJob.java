package io.outflow.replay.job;

import io.outflow.detectors.prevalence.Contact;
import io.outflow.replay.input.InputSource;
import io.outflow.replay.job.output.AlertOutput;
import io.outflow.replay.job.output.LinesOutput;
import io.outflow.replay.job.source.MergedInputSource;
import io.outflow.replay.job.source.MergedInputSplit;
import io.outflow.replay.job.source.ReplayWatermarks;
import io.outflow.replay.job.types.ReplayTypes;
import io.outflow.replay.order.ReplayItem;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.sink.AlertSinkFactory;
import io.outflow.replay.sink.FileTarget;
import io.outflow.replay.sink.Lines;
import io.outflow.schemas.Alert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The replay job, built from its parts (the style of flink-training's {@code LongRidesSolution(source, sink)}):
 * <pre>
 *   merged input (1) ──► enrich + key (1) ──keyBy(detector, key)──► detectors (N) ──────────► alert tally (1) ──► sink
 *                                 │                                     │ held alerts                 ▲
 *                                 ├──contacts, keyBy(cluster, destination)──┴──► prevalence (N) ──────┘
 *                                 ├──► quarantine file
 *                                 └──► late flows file
 * </pre>
 * Alerts of the detectors the prevalence stage judges (beaconing, new_fqdn by default) go through it and are reviewed
 * there; the others are reviewed in the detectors' operator.
 * The merge reads every input in event-time order and decides lateness flow by flow; the detectors run in thin keyed
 * adapters with event-time timers. Bounded streaming mode, never batch: see {@link #configure}.
 */
public final class ReplayJob {
    public static final String NAME = "outflow replay";

    /** Where the job's results go. */
    public record Outputs(AlertSinkFactory alerts, FileTarget quarantine, FileTarget late) {
    }

    /**
     * @param allowedLateness {@code pipeline.allowedLateness}
     * @param range the {@code --from/--to} bounds
     * @param parallelism of the detectors (the merge and enrichment run once, in input order)
     * @param watermarkStride how much event time passes between two of Flink's watermarks (zero: every change).
     *     Lateness is decided flow by flow by the merge whatever the stride; the stride only sets how often the
     *     detectors' timers are checked. One minute keeps watermark traffic small (on sparse histories a watermark
     *     per flow costs a third of the throughput) while the detectors see the same alerts: by their laws, alerts do
     *     not depend on how the watermark advances
     * @param scanThreads threads that look for each input's first flow before the merge starts
     */
    public record Settings(Duration allowedLateness, TimeRange range, int parallelism, Duration watermarkStride,
                           int scanThreads) {
        public static final Duration DEFAULT_STRIDE = Duration.ofMinutes(1);

        public static Settings of(Duration allowedLateness, TimeRange range, int parallelism) {
            return new Settings(allowedLateness, range, parallelism, DEFAULT_STRIDE, 4);
        }
    }

    private ReplayJob() {
    }

    /**
     * The execution settings the replay needs, whatever runs it.
     * <ul>
     *   <li>STREAMING, not BATCH: in batch mode Flink sorts each key's input and fires its event-time timers only at
     *       the end of that key, so a detector would absorb a key's whole history before its first advance, and
     *       state that expires or baselines that learn window by window would see a different sequence than live.
     *       Bounded streaming interleaves flows and watermarks exactly as the reference engine does.</li>
     *   <li>object reuse: records are immutable once built, and chained steps hand them on without copies;</li>
     *   <li>generic types off: every stream has our own serializer, so Kryo (and its Java 17 reflection) is never
     *       used.</li>
     * </ul>
     */
    public static void configure(Configuration config) {
        config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        config.set(PipelineOptions.OBJECT_REUSE, true);
        config.set(PipelineOptions.GENERIC_TYPES, false);
    }

    /** Adds the job to {@code env}; run it with {@code env.execute(NAME)}. */
    public static void build(StreamExecutionEnvironment env, List<InputSource> inputs, FlowEnrichment enrichment,
                             DetectorSuite suite, Outputs outputs, Settings settings) {
        MergedInputSplit split = new MergedInputSplit(inputs, settings.range(), settings.allowedLateness(),
                settings.scanThreads());
        DataStream<ReplayItem> items = env
                .fromSource(new MergedInputSource(split), new ReplayWatermarks(settings.watermarkStride()),
                        "merged input", ReplayTypes.ITEM)
                .setParallelism(1)
                .uid("merged-input");

        SingleOutputStreamOperator<KeyedFlow> keyed = items
                .process(new EnrichFunction(enrichment, suite), ReplayTypes.KEYED_FLOW)
                .name("enrich and key")
                .uid("enrich")
                .setParallelism(1);

        keyed.getSideOutput(EnrichFunction.QUARANTINE)
                .sinkTo(new LinesOutput<>(outputs.quarantine(), Lines.QUARANTINE))
                .name("quarantine").uid("quarantine").setParallelism(1);
        keyed.getSideOutput(EnrichFunction.LATE)
                .sinkTo(new LinesOutput<>(outputs.late(), Lines.LATE))
                .name("late flows").uid("late").setParallelism(1);

        SingleOutputStreamOperator<Alert> detected = keyed
                .keyBy(KeyedFlow::routeKey, Types.STRING)
                .process(new DetectorFunction(suite), ReplayTypes.ALERT)
                .name("detectors")
                .uid("detectors")
                .setParallelism(settings.parallelism());
        DataStream<Alert> alerts = detected;
        if (suite.prevalence() != null) {
            DataStream<Alert> judged = keyed.getSideOutput(EnrichFunction.PREVALENCE)
                    .connect(detected.getSideOutput(DetectorFunction.HELD))
                    .keyBy(Contact::key, new PrevalenceKey(suite), Types.STRING)
                    .process(new PrevalenceFunction(suite), ReplayTypes.ALERT)
                    .name("prevalence")
                    .uid("prevalence")
                    .setParallelism(settings.parallelism());
            alerts = detected.union(judged);
        }

        alerts.process(new AlertTally(), ReplayTypes.ALERT)
                .name("alert tally").uid("alert-tally").setParallelism(1)
                .sinkTo(new AlertOutput(outputs.alerts()))
                .name("alerts").uid("alerts").setParallelism(1);
    }
}
