package io.outflow.detectors.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BandwidthSpikeSettingsTest {

    private static BandwidthSpikeSettings read(String yaml, ConfigProblems problems) {
        return BandwidthSpikeSettings.read(ConfigDocument.parse(yaml, "outflow.yaml")
                .section("bandwidth_spike", problems), problems);
    }

    @Test
    void anEmptySectionGivesTheDefaults() {
        ConfigProblems problems = new ConfigProblems();
        assertThat(read("bandwidth_spike: {}\n", problems)).isEqualTo(BandwidthSpikeSettings.DEFAULT);
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void readsCamelCaseKeys() {
        ConfigProblems problems = new ConfigProblems();
        BandwidthSpikeSettings s = read("""
                bandwidth_spike:
                  window: 1h
                  timeZone: Europe/Berlin
                  minBytes: 250_000_000
                  seasonalDays: 14
                  idleTtl: 15d
                """, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(s.window()).isEqualTo(Duration.ofHours(1));
        assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.minBytes()).isEqualTo(250_000_000L);
        assertThat(s.seasonalDays()).isEqualTo(14);
    }

    @Test
    void collectsEveryProblemWithPathAndLine() {
        ConfigProblems problems = new ConfigProblems();
        BandwidthSpikeSettings s = read("""
                bandwidth_spike:
                  window: 7m
                  timeZone: Mars/Olympus
                  sigma: 0
                  highRatio: 1.5
                  idleTtl: 2d
                """, problems);
        assertThat(problems.all()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "bandwidth_spike.window: must divide a day (and, below an hour, an hour) into equal windows such as "
                        + "5m, 15m, 1h or 3h, got 7m (outflow.yaml:2)",
                "bandwidth_spike.timeZone: must be a time zone such as UTC, Europe/Berlin or +02:00, got "
                        + "'Mars/Olympus' (outflow.yaml:3)",
                "bandwidth_spike.sigma: must be ≥ 1.0, got 0 (outflow.yaml:4)",
                "bandwidth_spike.highRatio: must be ≥ mediumRatio (2.0), got 1.5 (outflow.yaml:5)",
                "bandwidth_spike.idleTtl: must be ≥ seasonalDays (7d) plus a window, or the daily profile is "
                        + "forgotten before it is used, got 2d (outflow.yaml:6)");
        assertThat(s.window()).isEqualTo(BandwidthSpikeSettings.DEFAULT.window());
        assertThat(s.timeZone()).isEqualTo(ZoneId.of("UTC"));
    }
}
