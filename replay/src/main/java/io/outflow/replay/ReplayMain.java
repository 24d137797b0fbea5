package io.outflow.replay;

import io.outflow.replay.cli.OutputPaths;
import io.outflow.replay.cli.ReplayCli;
import io.outflow.replay.cli.ReplayOptions;
import io.outflow.replay.cli.ReplayPlan;
import io.outflow.replay.cli.UsageException;
import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.job.ReplayJob;
import io.outflow.replay.run.ReplayReport;
import io.outflow.replay.run.ReplayRunner;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The job jar's entry point, for a Flink cluster ({@code flink run}, or a FlinkDeployment's {@code job.args}): the
 * same options as {@code outflow replay}, the same job, run in the cluster's environment. Inputs are read where the
 * source runs (blob URLs with the pod's workload identity, or paths mounted there); outputs go through the cluster's
 * file systems.
 */
@Command(name = "replay-job", mixinStandardHelpOptions = true,
        description = "Outflow replay as a Flink job: the options of 'outflow replay'.")
public final class ReplayMain implements Callable<Integer> {

    @Mixin
    ReplayOptions options = new ReplayOptions();

    public static void main(String[] args) {
        int exit = new CommandLine(new ReplayMain()).setExitCodeExceptionMapper(e -> ReplayCli.BAD_USAGE)
                .execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        String version = ReplayVersion.current();
        ReplayPlan.Prepared prepared;
        try {
            ReplayConfig config = ReplayPlan.config(options.config);
            String quarantine = options.quarantine != null ? options.quarantine
                    : OutputPaths.besides(options.out, ".quarantine.jsonl");
            String late = options.late != null ? options.late : OutputPaths.besides(options.out, ".late.jsonl");
            prepared = ReplayPlan.prepare(options.history, config,
                    (c, problems) -> ConfiguredDetectors.check(c, version, Mode.replay, problems),
                    ReplayPlan.alertFile(options.out), quarantine, late, BlobAccess.fromEnvironment());
        } catch (UsageException e) {
            System.err.println("replay-job: " + e.getMessage());
            return ReplayCli.BAD_USAGE;
        } catch (IOException e) {
            System.err.println("replay-job: cannot read " + e.getMessage());
            return ReplayCli.INPUT_UNREADABLE;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration config = new Configuration();
        ReplayJob.configure(config);
        env.configure(config);
        ReplayRunner.Request request = prepared.request();
        ReplayJob.Settings settings = options.history.parallelism != null ? request.settings()
                : new ReplayJob.Settings(request.settings().allowedLateness(), request.settings().range(),
                        env.getParallelism(), request.settings().watermarkStride(), request.settings().scanThreads());
        ReplayJob.build(env, request.inputs(), request.enrichment(), request.suite(), request.outputs(), settings);
        long started = System.nanoTime();
        JobExecutionResult result = env.execute(ReplayJob.NAME);
        if (result instanceof DetachedJobExecutionResult) {
            System.err.println("replay-job: submitted " + result.getJobID());
            return ReplayCli.OK;
        }
        ReplayReport report = ReplayRunner.report(result.getAllAccumulatorResults(),
                Duration.ofNanos(System.nanoTime() - started), request.outputs());
        report.print(System.err);
        return report.failures().isEmpty() ? ReplayCli.OK : ReplayCli.INPUT_UNREADABLE;
    }
}
