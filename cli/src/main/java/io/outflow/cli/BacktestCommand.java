package io.outflow.cli;

import io.outflow.replay.cli.BacktestOptions;
import io.outflow.replay.cli.ReplayCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay the same history with two configs and report what the change does: alerts per "
                + "detector per day for each, the alerts added and removed with their evidence, what each allowlist "
                + "entry suppressed, the totals.",
            "Writes a self-contained HTML report and report.json beside it (same name, .json)."})
final class BacktestCommand implements Callable<Integer> {

    @Mixin
    BacktestOptions options = new BacktestOptions();

    @Override
    public Integer call() {
        return ReplayCli.backtest(options, OutflowVersion.current(), System.err);
    }
}
