package io.outflow.enrichment.timeline;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.config.PipelineSettings;
import java.time.Duration;
import java.util.List;

/**
 * The {@code identity} section of {@code outflow.yaml}.
 *
 * @param retention how long an ended assignment stays answerable, counted in event time against the enrichment
 *     watermark; never shorter than {@code pipeline.allowedLateness}
 * @param labels    the pod labels an identity carries (the others are dropped when a change is applied)
 */
public record IdentitySettings(Duration retention, List<String> labels) {
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final List<String> DEFAULT_LABELS = List.of("app", "app.kubernetes.io/name",
            "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of",
            "app.kubernetes.io/version");
    public static final IdentitySettings DEFAULT = new IdentitySettings(DEFAULT_RETENTION, DEFAULT_LABELS);

    public IdentitySettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        labels = List.copyOf(labels);
    }

    /** Reads {@code identity:}; the retention is checked against the pipeline's allowed lateness. */
    public static IdentitySettings read(ConfigNode root, PipelineSettings pipeline, ConfigProblems problems) {
        ConfigNode section = root.section("identity", problems);
        Duration retention = section.duration("retention", DEFAULT_RETENTION, Duration.ofMillis(1), problems);
        ConfigNode retentionNode = section.get("retention");
        if (retention.compareTo(pipeline.allowedLateness()) < 0) {
            String message = "must be ≥ pipeline.allowedLateness (" + ConfigNode.format(pipeline.allowedLateness())
                    + "): a flow may arrive that late and still needs its owner, got " + ConfigNode.format(retention);
            if (retentionNode != null) {
                problems.add(retentionNode, message);
            } else {
                problems.add(section.childPath("retention"), message + " (the default)", section.file(),
                        section.line());
            }
            retention = pipeline.allowedLateness().isZero() ? DEFAULT_RETENTION : pipeline.allowedLateness();
        }
        List<String> labels = DEFAULT_LABELS;
        if (section.get("labels") != null) {
            labels = section.strings("labels", problems);
            ConfigNode labelsNode = section.get("labels");
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).isBlank()) {
                    ConfigNode item = labelsNode.items().isEmpty() ? labelsNode : labelsNode.items().get(i);
                    problems.add(item, "must be a label key, got an empty string");
                }
            }
        }
        section.rejectUnknownKeys(problems);
        return new IdentitySettings(retention, labels);
    }
}
