package io.outflow.detectors.prevalence;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrevalenceSettingsTest {

    private static PrevalenceSettings read(String yaml, ConfigProblems problems) {
        return PrevalenceSettings.read(ConfigDocument.parse(yaml, "outflow.yaml").section("prevalence", problems),
                problems);
    }

    @Test
    void anEmptySectionGivesTheDefaults() {
        ConfigProblems problems = new ConfigProblems();
        assertThat(read("prevalence: {}\n", problems)).isEqualTo(PrevalenceSettings.DEFAULT);
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void readsEveryKey() {
        ConfigProblems problems = new ConfigProblems();
        PrevalenceSettings s = read("""
                prevalence:
                  window: 7d
                  commonAt: 25
                  commonSeverity: LOW
                  scoreFactor: 0.8
                  detectors: [beaconing, new_fqdn, cryptomining]
                  maxSamples: 3
                """, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(s).isEqualTo(new PrevalenceSettings(true, Duration.ofDays(7), 25, Severity.low, 0.8,
                List.of("beaconing", "new_fqdn", "cryptomining"), 3));
    }

    @Test
    void collectsEveryProblemWithPathAndLine() {
        ConfigProblems problems = new ConfigProblems();
        PrevalenceSettings s = read("""
                prevalence:
                  window: 90m
                  commonAt: 0
                  scoreFactor: 2
                  commonSeverity: quiet
                  detectors: [beaconing, bandwidth_spike]
                  dampen: true
                """, problems);
        assertThat(problems.all()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "prevalence.window: must be whole hours, at most 30d, got 90m (outflow.yaml:2)",
                "prevalence.commonAt: must be ≥ 1, got 0 (outflow.yaml:3)",
                "prevalence.scoreFactor: must be ≤ 1.0, got 2 (outflow.yaml:4)",
                "prevalence.commonSeverity: must be one of informational, low, medium, high, got 'quiet' "
                        + "(outflow.yaml:5)",
                "prevalence.detectors: unknown per-destination detector 'bandwidth_spike' (known: cryptomining, "
                        + "new_fqdn, beaconing) (outflow.yaml:6)",
                "prevalence.dampen: unknown key (outflow.yaml:7)");
        assertThat(s.window()).isEqualTo(Duration.ofHours(24));
        assertThat(s.detectors()).containsExactly("beaconing");
    }
}
