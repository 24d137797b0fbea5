package io.outflow.replay.config;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.Detector;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.settings.AlertPolicy;
import io.outflow.detectors.settings.DetectionSettings;
import io.outflow.replay.job.DetectorSuite;
import io.outflow.schemas.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The product detectors and prevalence stage as {@code outflow.yaml} configures them ({@link DetectionSettings}),
 * with the alert policy
 * (allowlists, suppressions, severity overrides) as the review. Read again from the config text in every task.
 *
 * @param outflowVersion stamped on every alert
 * @param mode {@code replay} for replays and backtests
 */
public record ConfiguredDetectors(ReplayConfig config, String outflowVersion, Mode mode) implements DetectorSuite {

    /** Reads and checks the detection sections; every problem goes to {@code problems}. */
    public static ConfiguredDetectors check(ReplayConfig config, String outflowVersion, Mode mode,
                                            ConfigProblems problems) {
        ConfigNode root = config.root();
        DetectionSettings.read(root, baseDir(config), problems);
        List<String> known = new ArrayList<>(DetectionSettings.sections());
        known.addAll(ReplayConfig.ENRICHMENT_SECTIONS);
        for (Map.Entry<String, ConfigNode> section : root.entries().entrySet()) {
            if (!known.contains(section.getKey())) {
                problems.add(section.getValue(), "unknown section (known: " + String.join(", ", known) + ")");
            }
        }
        return new ConfiguredDetectors(config, outflowVersion, mode);
    }

    public DetectionSettings settings() {
        ConfigProblems problems = new ConfigProblems();
        DetectionSettings settings = DetectionSettings.read(config.root(), baseDir(config), problems);
        problems.throwIfAny();
        return settings;
    }

    public String configVersion() {
        return settings().configVersion();
    }

    @Override
    public List<Detector<?>> detectors() {
        DetectionSettings settings = settings();
        return settings.detectors(new AlertContext(settings.configVersion(), outflowVersion, mode));
    }

    @Override
    public DestinationPrevalence prevalence() {
        return settings().prevalenceStage();
    }

    @Override
    public AlertReview review() {
        return settings().policy();
    }

    @Override
    public Map<String, Long> suppressed(AlertReview review) {
        Map<String, Long> out = new TreeMap<>();
        if (review instanceof AlertPolicy policy) {
            policy.tallies().forEach((rule, tally) -> {
                if (tally.alerts() > 0) {
                    out.put(rule, tally.alerts());
                }
            });
        }
        return out;
    }

    private static Path baseDir(ReplayConfig config) {
        return config.baseDir() == null ? null : Path.of(config.baseDir());
    }
}
