package io.outflow.cli;

import io.outflow.replay.cli.ReplayCli;
import io.outflow.replay.cli.ReplayOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay history through the same parse, enrichment and detectors as the live pipeline, on an "
                + "embedded Flink cluster.",
            "Inputs are read in event-time order across files; flows behind the watermark (largest event time minus "
                + "pipeline.allowedLateness) are counted and written to the late file. A summary goes to stderr, and "
                + "a progress line when stderr is a terminal. Exit 0 when every input could be read, 1 when one "
                + "could not, 2 for bad usage or an invalid config.",
            "For a Flink cluster, submit the job jar (replay/target/outflow-replay-*-job.jar) with the same options: "
                + "see replay/README.md."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ReplayOptions options = new ReplayOptions();

    @Override
    public Integer call() {
        return ReplayCli.replay(options, OutflowVersion.current(), System.err);
    }
}
