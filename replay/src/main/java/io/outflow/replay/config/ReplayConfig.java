package io.outflow.replay.config;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.config.PipelineSettings;
import io.outflow.enrichment.EnrichmentSettings;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of {@code outflow.yaml} (empty when no {@code --config} was given: every default applies), carried into
 * the job so that each task reads the same configuration the client validated.
 *
 * @param text the YAML
 * @param name the file name, for problem messages
 * @param baseDir the file's directory (absolute), against which feed files are resolved; null for the defaults
 */
public record ReplayConfig(String text, String name, String baseDir) implements Serializable {
    public static final ReplayConfig DEFAULTS = new ReplayConfig("", "(defaults)", null);

    public static ReplayConfig load(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        return new ReplayConfig(Files.readString(absolute, StandardCharsets.UTF_8), file.getFileName().toString(),
                absolute.getParent() == null ? null : absolute.getParent().toString());
    }

    /** The top-level sections the enrichment owns (the detectors own theirs). */
    public static final java.util.List<String> ENRICHMENT_SECTIONS = java.util.List.of("identity", "clusters");

    public ConfigNode root() {
        return ConfigDocument.parse(text, name);
    }

    /** The pipeline section; problems are collected into {@code problems}. */
    public PipelineSettings pipeline(ConfigProblems problems) {
        return PipelineSettings.read(root(), problems);
    }

    public EnrichmentSettings enrichment(ConfigProblems problems) {
        ConfigNode root = root();
        return EnrichmentSettings.read(root, PipelineSettings.read(root, problems), problems);
    }

    /** The pipeline section of a configuration already validated. */
    public PipelineSettings pipeline() {
        ConfigProblems problems = new ConfigProblems();
        PipelineSettings settings = pipeline(problems);
        problems.throwIfAny();
        return settings;
    }

    /** The enrichment sections of a configuration already validated. */
    public EnrichmentSettings enrichment() {
        ConfigProblems problems = new ConfigProblems();
        EnrichmentSettings settings = enrichment(problems);
        problems.throwIfAny();
        return settings;
    }
}
