package io.outflow.replay.testing;

import io.outflow.detectors.run.LocalRunner;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.InputSource;
import io.outflow.replay.job.DetectorSuite;
import io.outflow.replay.job.FlowEnrichment;
import io.outflow.replay.job.IdentityHistoryEnrichment;
import io.outflow.replay.job.ReplayJob;
import io.outflow.replay.job.output.FlinkFileTarget;
import io.outflow.replay.order.EventTimeMerge;
import io.outflow.replay.order.ReplayItem;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.run.ReplayReport;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.replay.sink.AlertFile;
import io.outflow.replay.sink.LatestRevisions;
import io.outflow.replay.sink.Lines;
import io.outflow.schemas.Alert;
import io.outflow.schemas.json.ContractJson;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs a replay on the embedded cluster, or the reference engine over the same merged input, for comparisons. */
public final class ReplayHarness {
    public static final Duration LATENESS = Duration.ofMinutes(10);

    private ReplayHarness() {
    }

    /** What a replay wrote. */
    public record Result(List<String> alerts, List<String> late, List<String> quarantine, ReplayReport report,
                         String stderr) {
    }

    public static FlowEnrichment enrichment(List<String> history) {
        return new IdentityHistoryEnrichment(history, ReplayConfig.DEFAULTS);
    }

    public static Result flink(List<InputSource> inputs, FlowEnrichment enrichment, DetectorSuite suite,
                               int parallelism, TimeRange range, Path out) throws Exception {
        Files.createDirectories(out);
        Path alerts = out.resolve("alerts.jsonl");
        Path late = out.resolve("late.jsonl");
        Path quarantine = out.resolve("quarantine.jsonl");
        ReplayJob.Outputs outputs = new ReplayJob.Outputs(
                new AlertFile(new FlinkFileTarget(alerts.toString()), AlertFile.Format.JSON_LINES),
                new FlinkFileTarget(quarantine.toString()), new FlinkFileTarget(late.toString()));
        ReplayRunner.Request request = new ReplayRunner.Request(inputs, enrichment, suite, outputs,
                ReplayJob.Settings.of(LATENESS, range, parallelism));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReplayReport report = ReplayRunner.run(request, new PrintStream(err, true, StandardCharsets.UTF_8), false);
        report.print(new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(Files.readAllLines(alerts), Files.readAllLines(late), Files.readAllLines(quarantine), report,
                err.toString(StandardCharsets.UTF_8));
    }

    /** The reference engine over the same merged input, written the way the alert file is. */
    public static List<String> reference(List<InputSource> inputs, FlowEnrichment enrichment, DetectorSuite suite,
                                         TimeRange range, List<String> lateOut) throws Exception {
        LatestRevisions latest = new LatestRevisions();
        FlowEnrichment.Enricher enricher = enrichment.open();
        LocalRunner runner = new LocalRunner(suite.detectors(), suite.prevalence(), LATENESS, suite.review(),
                latest::add, late -> lateOut.add(Lines.LATE.line(late)));
        try (EventTimeMerge merge = EventTimeMerge.open(inputs, range, LATENESS, 2)) {
            long watermark = Long.MIN_VALUE;
            for (ReplayItem item = merge.poll(); item != null; item = merge.poll()) {
                if (item.kind() == ReplayItem.Kind.FLOW) {
                    runner.accept(enricher.enrich(item.flow()));
                    if (item.watermark() > watermark) {
                        watermark = item.watermark();
                        enricher.advance(watermark);
                    }
                }
            }
        }
        runner.finish();
        List<String> lines = new ArrayList<>();
        for (Alert alert : latest.inFileOrder()) {
            lines.add(ContractJson.toJson(alert));
        }
        return lines;
    }

    public static List<String> reference(List<InputSource> inputs, FlowEnrichment enrichment, DetectorSuite suite)
            throws Exception {
        return reference(inputs, enrichment, suite, TimeRange.ALL, new ArrayList<>());
    }

}
