package io.outflow.config;

import java.time.Duration;

/**
 * The {@code pipeline} section: time rules every engine applies the same way.
 *
 * @param allowedLateness how far behind the largest event time seen a flow may arrive and still count; the watermark
 *     is that largest time minus this
 */
public record PipelineSettings(Duration allowedLateness) {
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(10);
    public static final PipelineSettings DEFAULT = new PipelineSettings(DEFAULT_ALLOWED_LATENESS);

    public static PipelineSettings read(ConfigNode root, ConfigProblems problems) {
        ConfigNode section = root.section("pipeline", problems);
        Duration lateness = section.duration("allowedLateness", DEFAULT_ALLOWED_LATENESS, Duration.ZERO, problems);
        section.rejectUnknownKeys(problems);
        return new PipelineSettings(lateness);
    }
}
