package io.outflow.cli;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import io.outflow.config.InvalidConfigException;
import io.outflow.detectors.settings.AllowlistEntry;
import io.outflow.detectors.settings.DetectionSettings;
import io.outflow.enrichment.clusters.ClustersSettings;
import io.outflow.enrichment.timeline.IdentitySettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code outflow config}: work with {@code outflow.yaml}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Work with the configuration file (outflow.yaml).",
        subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a configuration file: every problem is printed with its key path and line.",
                "Exit 0 and a summary (configVersion, detectors on, allowlist entries, expired entries) when valid; "
                    + "exit 2 when it is not."})
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file.")
        Path file;

        @Option(names = "--at", paramLabel = "TIME",
                description = "Report entries expired at this time (ISO-8601 with Z or an offset; default: now).")
        String at;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            Instant when;
            try {
                when = at == null ? Instant.now() : OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException e) {
                System.err.println("outflow config validate: --at must be a time with Z or an offset, got '" + at
                        + "'");
                return Outflow.BAD_USAGE;
            }
            ConfigNode root;
            try {
                root = ConfigDocument.load(file);
            } catch (InvalidConfigException e) {
                return report(out, e.problems());
            }
            ConfigProblems problems = new ConfigProblems();
            Path base = file.toAbsolutePath().getParent();
            DetectionSettings settings = DetectionSettings.read(root, base, problems);
            IdentitySettings.read(root, settings.pipeline(), problems);
            ClustersSettings.read(root, problems);
            root.rejectUnknownKeys(problems);
            if (!problems.isEmpty()) {
                return report(out, problems.all());
            }
            long configured = settings.allowlist().stream().filter(e -> !e.builtIn()).count();
            long builtIn = settings.allowlist().stream().filter(AllowlistEntry::builtIn).count();
            List<String> profilesOn = new ArrayList<>();
            for (Map.Entry<String, Boolean> profile : settings.builtinProfiles().entrySet()) {
                if (profile.getValue()) {
                    profilesOn.add(profile.getKey());
                }
            }
            List<String> expired = settings.expiredAt(when);
            out.println(file + ": valid");
            out.println("configVersion: " + settings.configVersion());
            out.println("detectors on: " + (settings.enabledDetectors().isEmpty() ? "none"
                    : String.join(", ", settings.enabledDetectors())));
            out.println("allowlist entries: " + configured + " configured, " + builtIn + " built-in"
                    + (profilesOn.isEmpty() ? "" : " (" + String.join(", ", profilesOn) + ")"));
            out.println("suppressions: " + settings.suppressions().size() + ", severity overrides: "
                    + settings.severityOverrides().size());
            out.println("mining-pool domains: " + settings.miningPools().size() + " (list "
                    + settings.miningPools().version() + ")");
            out.println("expired at " + when + ": " + (expired.isEmpty() ? "none" : expired.size()));
            for (String entry : expired) {
                out.println("  " + entry + ": no longer applies");
            }
            return Outflow.OK;
        }

        private int report(PrintStream out, List<ConfigProblem> problems) {
            for (ConfigProblem problem : problems) {
                out.println(problem);
            }
            out.println(file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
            return Outflow.BAD_USAGE;
        }
    }
}
