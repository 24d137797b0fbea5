package io.outflow.replay.cli;

import io.outflow.replay.backtest.BacktestComparison;
import io.outflow.replay.backtest.BacktestSide;
import io.outflow.replay.backtest.HtmlReport;
import io.outflow.replay.backtest.ReportJson;
import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.job.output.FlinkFileTarget;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.run.ProgressLine;
import io.outflow.replay.run.ReplayReport;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.replay.sink.AlertFile;
import io.outflow.schemas.Alert;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Runs the same history through two configs and writes what the change does: the HTML report and report.json.
 * Each replay is a full replay (same merge, enrichment, detectors and alert policy); only the config differs.
 */
final class Backtest {
    private Backtest() {
    }

    static int run(BacktestOptions options, String outflowVersion, PrintStream err) throws Exception {
        Path work = Files.createTempDirectory("outflow-backtest");
        try {
            // both configs are checked before either replay starts
            Planned before = plan("baseline", options.baseline, options, outflowVersion, work);
            Planned after = plan("candidate", options.candidate, options, outflowVersion, work);
            BacktestSide baseline = execute(before, err);
            if (baseline == null) {
                return ReplayCli.INPUT_UNREADABLE;
            }
            BacktestSide candidate = execute(after, err);
            if (candidate == null) {
                return ReplayCli.INPUT_UNREADABLE;
            }
            BacktestComparison comparison = BacktestComparison.of(baseline, candidate);
            String history = describe(options);
            Path html = options.report.toAbsolutePath();
            Path json = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".json");
            if (html.getParent() != null) {
                Files.createDirectories(html.getParent());
            }
            Files.writeString(html, HtmlReport.render(comparison, history), StandardCharsets.UTF_8);
            try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                ReportJson.write(comparison, history, out);
            }
            err.printf("baseline %s: %d alerts; candidate %s: %d alerts; added %d, removed %d, changed %d%n",
                    baseline.configVersion(), baseline.alerts().size(), candidate.configVersion(),
                    candidate.alerts().size(), comparison.added().size(), comparison.removed().size(),
                    comparison.changed().size());
            err.println("report: " + html + " and " + json);
            return ReplayCli.OK;
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One side, checked and ready to run. */
    private record Planned(String label, Path configFile, Path alerts, ReplayPlan.Prepared prepared) {
    }

    private static Planned plan(String label, Path configFile, BacktestOptions options, String version, Path work)
            throws UsageException, IOException {
        ReplayConfig config;
        try {
            config = ReplayPlan.config(configFile);
        } catch (UsageException e) {
            throw new UsageException("--" + label + " " + configFile + ": " + e.getMessage());
        }
        Path alerts = work.resolve(label + ".alerts.avro");
        try {
            return new Planned(label, configFile, alerts, ReplayPlan.prepare(options.history, config,
                    ReplayCli.suites(version), new AlertFile(new FlinkFileTarget(alerts.toString()),
                            AlertFile.Format.AVRO), work.resolve(label + ".quarantine.jsonl").toString(),
                    work.resolve(label + ".late.jsonl").toString(), BlobAccess.fromEnvironment()));
        } catch (UsageException e) {
            throw new UsageException("--" + label + " " + configFile + ": " + e.getMessage());
        }
    }

    private static BacktestSide execute(Planned planned, PrintStream err) throws Exception {
        String label = planned.label();
        Path configFile = planned.configFile();
        Path alerts = planned.alerts();
        ReplayPlan.Prepared prepared = planned.prepared();
        err.printf("%s (%s): replaying %d input(s)%n", label, configFile, prepared.request().inputs().size());
        ReplayReport report = ReplayRunner.run(prepared.request(), err, ProgressLine.onTerminal());
        if (!report.failures().isEmpty()) {
            report.print(err);
            return null;
        }
        String configVersion = ((ConfiguredDetectors) prepared.request().suite()).configVersion();
        return new BacktestSide(label, configFile.getFileName().toString(), configVersion, read(alerts),
                report.suppressedByRule(), report.flows(), report.lateByDetector());
    }

    private static List<Alert> read(Path file) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        try (DataFileReader<Alert> reader = new DataFileReader<>(file.toFile(), new SpecificDatumReader<>(Alert.class))) {
            reader.forEach(alerts::add);
        }
        return alerts;
    }

    private static String describe(BacktestOptions options) {
        TimeRange range = TimeRange.of(options.history.from, options.history.to);
        String bounds = range.isAll() ? "all event times"
                : (options.history.from == null ? "…" : options.history.from.toString()) + " to "
                + (options.history.to == null ? "…" : options.history.to.toString());
        return "History: " + String.join(", ", options.history.inputs) + "; identity: "
                + String.join(", ", options.history.history) + "; " + bounds + ".";
    }
}
