package io.outflow.detectors.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Detector;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.bandwidth.BandwidthSpikeDetector;
import io.outflow.detectors.bandwidth.BandwidthSpikeSettings;
import io.outflow.detectors.beaconing.BeaconingDetector;
import io.outflow.detectors.beaconing.BeaconingSettings;
import io.outflow.detectors.run.AlertReview;
import io.outflow.schemas.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioQualityTest {
    @Test
    void explore() {
        long t0 = System.nanoTime();
        Scenario scenario = ScenarioGenerator.generate(42, Instant.parse("2026-03-02T00:00:00Z"), 6);
        long t1 = System.nanoTime();
        AlertContext context = new AlertContext("000000000000", "test", Mode.replay);
        List<Detector<?>> detectors = List.of(new BandwidthSpikeDetector(BandwidthSpikeSettings.DEFAULT, context),
                new BeaconingDetector(BeaconingSettings.DEFAULT, context));
        for (Detector<?> d : detectors) {
            long a = System.nanoTime();
            ScenarioRun.of(scenario, List.of(d), Duration.ofMinutes(10), AlertReview.passAll());
            System.out.printf("%s alone: %d ms%n", d.id(), (System.nanoTime() - a) / 1_000_000);
        }
        long t15 = System.nanoTime();
        ScenarioRun run = ScenarioRun.of(scenario, detectors, Duration.ofMinutes(10), AlertReview.passAll());
        long t2 = System.nanoTime();
        t1 = t15;
        QualityReport report = QualityReport.of(scenario, run, List.of("bandwidth_spike", "beaconing"));
        System.out.printf("flows %d, generate %d ms, run %d ms, late %s%n", scenario.deliveries().size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, run.lateCounts());
        System.out.println(report.table());
        System.out.println(report.details());
        assertThat(report.rows()).isNotEmpty();
    }
}
