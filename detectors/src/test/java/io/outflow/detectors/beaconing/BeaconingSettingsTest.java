package io.outflow.detectors.beaconing;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BeaconingSettingsTest {

    private static BeaconingSettings read(String yaml, ConfigProblems problems) {
        return BeaconingSettings.read(ConfigDocument.parse(yaml, "outflow.yaml").section("beaconing", problems),
                problems);
    }

    @Test
    void anEmptySectionGivesTheDefaults() {
        ConfigProblems problems = new ConfigProblems();
        assertThat(read("beaconing: {}\n", problems)).isEqualTo(BeaconingSettings.DEFAULT);
        assertThat(problems.all()).isEmpty();
        assertThat(BeaconingSettings.DEFAULT.bins()).isEqualTo(24);
    }

    @Test
    void readsCamelCaseKeys() {
        ConfigProblems problems = new ConfigProblems();
        BeaconingSettings s = read("""
                beaconing:
                  window: 12h
                  minConnections: 12
                  jitterTolerance: 0.2
                  maxPeriod: 30m
                  includePrivateDestinations: true
                """, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(s.window()).isEqualTo(Duration.ofHours(12));
        assertThat(s.minConnections()).isEqualTo(12);
        assertThat(s.jitterTolerance()).isEqualTo(0.2);
        assertThat(s.maxPeriod()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.includePrivateDestinations()).isTrue();
        assertThat(s.bins()).isEqualTo(12);
    }

    @Test
    void collectsEveryProblemWithPathAndLine() {
        ConfigProblems problems = new ConfigProblems();
        BeaconingSettings s = read("""
                beaconing:
                  minConnections: 0
                  jitterTolerance: 0.9
                  binWidth: 7m
                  maxPeriod: 8h
                  timingWeight: 0
                  dataSizeWeight: 0
                  histogramWeight: 0
                  durationWeight: 0
                  minConnection: 5
                """, problems);
        assertThat(problems.all()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "beaconing.minConnections: must be ≥ 3, got 0 (outflow.yaml:2)",
                "beaconing.jitterTolerance: must be ≤ 0.5, got 0.9 (outflow.yaml:3)",
                "beaconing.binWidth: must divide window (1d) into 2 to 1000 equal bins, got 7m (outflow.yaml:4)",
                "beaconing.maxPeriod: must be at most a quarter of window (1d) so that a period repeats enough to be "
                        + "seen, got 8h (outflow.yaml:5)",
                "beaconing.timingWeight: the four weights must not all be 0 (outflow.yaml:6)",
                "beaconing.minConnection: unknown key (did you mean 'minConnections'?) (outflow.yaml:10)");
        assertThat(s.minConnections()).isEqualTo(BeaconingSettings.DEFAULT.minConnections());
        assertThat(s.maxPeriod()).isEqualTo(Duration.ofHours(6));
    }
}
