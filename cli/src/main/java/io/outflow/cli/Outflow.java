package io.outflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code outflow} command: results to stdout or files; progress, summaries and logs to stderr. */
@Command(name = "outflow", mixinStandardHelpOptions = true, versionProvider = OutflowVersion.class,
        description = "Streaming anomaly detection for the egress traffic of AKS clusters.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ParseCommand.class,
            DemoCommand.class,
            WhoisCommand.class,
            ReplayCommand.class,
            BacktestCommand.class,
            ConfigCommand.class,
        })
public final class Outflow implements Runnable {
    /** Exit codes of DESIGN.md. */
    public static final int OK = 0;
    public static final int INPUT_UNREADABLE = 1;
    public static final int BAD_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Outflow());
        cli.setExitCodeExceptionMapper(e -> BAD_USAGE);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("outflow: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'outflow " + e.getCommandLine().getCommandName()
                    + " --help' for more information.");
            return BAD_USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
