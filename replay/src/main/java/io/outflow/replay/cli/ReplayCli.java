package io.outflow.replay.cli;

import io.outflow.config.ConfigProblems;
import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.run.ProgressLine;
import io.outflow.replay.run.ReplayReport;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code outflow replay} and {@code outflow backtest}: what the CLI commands run, with DESIGN.md's exit codes (0 done,
 * 1 an input could not be read, 2 bad usage or an invalid config).
 */
public final class ReplayCli {
    public static final int OK = 0;
    public static final int INPUT_UNREADABLE = 1;
    public static final int BAD_USAGE = 2;

    private ReplayCli() {
    }

    public static int replay(ReplayOptions options, String outflowVersion, PrintStream err) {
        ReplayRunner.quietFlinkLogs();
        ReplayPlan.Prepared prepared;
        try {
            ReplayConfig config = ReplayPlan.config(options.config);
            String quarantine = options.quarantine != null ? options.quarantine
                    : OutputPaths.besides(options.out, ".quarantine.jsonl");
            String late = options.late != null ? options.late : OutputPaths.besides(options.out, ".late.jsonl");
            prepared = ReplayPlan.prepare(options.history, config, suites(outflowVersion),
                    ReplayPlan.alertFile(options.out), quarantine, late, BlobAccess.fromEnvironment());
        } catch (UsageException e) {
            err.println("outflow replay: " + e.getMessage());
            return BAD_USAGE;
        } catch (IOException e) {
            err.println("outflow replay: cannot read " + e.getMessage());
            return INPUT_UNREADABLE;
        }
        err.println("identity history: " + prepared.history().summary());
        err.printf("replaying %d input(s), %.1f MB, detectors at parallelism %d%n",
                prepared.request().inputs().size(), prepared.request().totalBytes() / 1e6,
                prepared.request().settings().parallelism());
        ReplayReport report;
        try {
            report = ReplayRunner.run(prepared.request(), err, ProgressLine.onTerminal());
        } catch (Exception e) {
            err.println("outflow replay: the replay failed: " + e);
            return INPUT_UNREADABLE;
        }
        report.print(err);
        return report.failures().isEmpty() ? OK : INPUT_UNREADABLE;
    }

    public static int backtest(BacktestOptions options, String outflowVersion, PrintStream err) {
        ReplayRunner.quietFlinkLogs();
        try {
            return Backtest.run(options, outflowVersion, err);
        } catch (UsageException e) {
            err.println("outflow backtest: " + e.getMessage());
            return BAD_USAGE;
        } catch (IOException e) {
            err.println("outflow backtest: cannot read " + e.getMessage());
            return INPUT_UNREADABLE;
        } catch (Exception e) {
            err.println("outflow backtest: the replay failed: " + e);
            return INPUT_UNREADABLE;
        }
    }

    static ReplayPlan.Suites suites(String outflowVersion) {
        return (ReplayConfig config, ConfigProblems problems) ->
                ConfiguredDetectors.check(config, outflowVersion, Mode.replay, problems);
    }
}
