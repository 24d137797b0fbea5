package io.outflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {

    @Test
    void namesKeyPathAndLineOfEveryProblem() {
        ConfigNode root = ConfigDocument.parse("""
                pipeline:
                  allowedLateness: soon
                detectors:
                  beaconing:
                    minConnections: 0
                    jitter: high
                    minConection: 4
                """, "outflow.yaml");
        ConfigProblems problems = new ConfigProblems();

        PipelineSettings.read(root, problems);
        ConfigNode beaconing = root.section("detectors", problems).section("beaconing", problems);
        int min = beaconing.integer("minConnections", 6, 3, 1000, problems);
        beaconing.number("jitter", 0.2, 0, 1, problems);
        beaconing.rejectUnknownKeys(problems);

        assertThat(min).isEqualTo(6);
        assertThat(problems.all()).extracting(ConfigProblem::toString).containsExactly(
                "pipeline.allowedLateness: must be a duration such as 90s, 10m, 24h, 7d or PT10M, got 'soon' (outflow.yaml:2)",
                "detectors.beaconing.minConnections: must be ≥ 3, got 0 (outflow.yaml:5)",
                "detectors.beaconing.jitter: must be a number, got 'high' (outflow.yaml:6)",
                "detectors.beaconing.minConection: unknown key (did you mean 'minConnections'?) (outflow.yaml:7)");
    }

    @Test
    void absentSectionsGiveDefaults() {
        ConfigProblems problems = new ConfigProblems();
        PipelineSettings settings = PipelineSettings.read(ConfigDocument.parse("", "empty.yaml"), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(settings.allowedLateness()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsShortAndIsoDurations() {
        assertThat(ConfigNode.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigNode.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(ConfigNode.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigNode.parseDuration("PT10M")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigNode.parseDuration("10 minutes")).isNull();
        assertThat(ConfigNode.format(Duration.ofMinutes(10))).isEqualTo("10m");
    }

    @Test
    void rejectsYamlSyntaxErrorsWithTheirLine() {
        assertThatThrownBy(() -> ConfigDocument.parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("invalid YAML").hasMessageContaining("bad.yaml:");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> ConfigDocument.parse("pipeline:\n  allowedLateness: 5m\npipeline: {}\n", "d.yaml"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("pipeline: duplicate key (first at line 1) (d.yaml:3)");
    }
}
