package io.outflow.replay.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code outflow backtest}. */
public final class BacktestOptions {

    @Mixin
    public HistoryOptions history = new HistoryOptions();

    @Option(names = "--baseline", required = true, paramLabel = "A.yaml", description = "The config in use.")
    public Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "B.yaml", description = "The config to try.")
    public Path candidate;

    @Option(names = "--report", required = true, paramLabel = "report.html",
            description = "The HTML report; report.json (same name, .json) is written beside it.")
    public Path report;
}
