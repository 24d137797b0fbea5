package io.outflow.replay.cli;

import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import io.outflow.config.InvalidConfigException;
import io.outflow.config.PipelineSettings;
import io.outflow.enrichment.history.HistoryCounts;
import io.outflow.enrichment.history.HistorySource;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.input.InputCatalog;
import io.outflow.replay.input.InputSource;
import io.outflow.replay.job.DetectorSuite;
import io.outflow.replay.job.IdentityHistoryEnrichment;
import io.outflow.replay.job.ReplayJob;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.replay.sink.AlertFile;
import io.outflow.replay.sink.AlertSinkFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Turns options into a replay request, checking everything that can be checked before a job starts: the config
 * (every problem at once: exit 2), the time bounds, the inputs and the identity history (exit 1 when unreadable).
 */
public final class ReplayPlan {

    /** Builds the detectors of a validated config; problems go to {@code problems}. */
    @FunctionalInterface
    public interface Suites {
        DetectorSuite create(ReplayConfig config, ConfigProblems problems);
    }

    /** A request ready to run, and what the identity history held. */
    public record Prepared(ReplayRunner.Request request, ReplayConfig config, HistoryCounts history) {
    }

    private ReplayPlan() {
    }

    public static ReplayConfig config(Path file) throws UsageException, IOException {
        if (file == null) {
            return ReplayConfig.DEFAULTS;
        }
        ReplayConfig config = ReplayConfig.load(file);
        try {
            config.root();
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        return config;
    }

    public static Prepared prepare(HistoryOptions options, ReplayConfig config, Suites suites,
                                   AlertSinkFactory alerts, String quarantine, String late, BlobAccess access)
            throws UsageException, IOException {
        ConfigProblems problems = new ConfigProblems();
        PipelineSettings pipeline;
        DetectorSuite suite;
        try {
            pipeline = config.pipeline(problems);
            config.enrichment(problems);
            suite = suites.create(config, problems);
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        if (!problems.isEmpty()) {
            // several readers check the pipeline section (it bounds the identity retention): report each problem once
            List<ConfigProblem> distinct = new ArrayList<>(new LinkedHashSet<>(problems.all()));
            throw new UsageException(new InvalidConfigException(distinct).getMessage());
        }
        TimeRange range;
        try {
            range = TimeRange.of(options.from, options.to);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.parallelism != null && options.parallelism < 1) {
            throw new UsageException("--parallelism must be at least 1");
        }
        List<InputSource> inputs;
        try {
            inputs = InputCatalog.resolve(options.inputs, access);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> history = options.history.stream().map(ReplayPlan::absolute).toList();
        IdentityHistoryEnrichment enrichment = new IdentityHistoryEnrichment(history, config);
        HistoryCounts counts = enrichment.check();
        ReplayJob.Outputs outputs = new ReplayJob.Outputs(alerts, OutputPaths.target(quarantine),
                OutputPaths.target(late));
        ReplayJob.Settings settings = ReplayJob.Settings.of(pipeline.allowedLateness(), range,
                options.parallelismOrDefault());
        return new Prepared(new ReplayRunner.Request(inputs, enrichment, suite, outputs, settings), config, counts);
    }

    /** The alerts file of {@code --out}: Avro for .avro, JSON Lines otherwise; '-' is stdout. */
    public static AlertSinkFactory alertFile(String out) {
        return new AlertFile(OutputPaths.target(out), AlertFile.formatOf(out));
    }

    private static String absolute(String spec) {
        HistorySource source;
        try {
            source = HistorySource.parse(spec);
        } catch (IllegalArgumentException e) {
            return spec;
        }
        String file = source.file().toAbsolutePath().normalize().toString();
        return source.explicit() ? source.cluster() + "=" + file : file;
    }
}
