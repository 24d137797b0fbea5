package io.outflow.detectors.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.bandwidth.BandwidthSpikeDetector;
import io.outflow.detectors.beaconing.BeaconingDetector;
import io.outflow.detectors.cryptomining.CryptominingDetector;
import io.outflow.detectors.settings.AlertPolicy;
import io.outflow.detectors.settings.DetectionSettings;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * All four detectors over ten days of the labelled scenario (seed {@value #SEED}), with the defaults plus the one
 * allowlist entry of {@code scenario/outflow.yaml}, through the reference engine with a 10-minute lateness. The
 * numbers are printed and kept in detectors/README.md ("Quality, measured"); the thresholds below are what each
 * detector must keep (see the README for why each is defensible).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioQualityTest {
    static final long SEED = 20260302L;
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    static final int DAYS = 10;

    private Scenario scenario;
    private ScenarioRun run;
    private QualityReport report;
    private AlertPolicy policy;

    static DetectionSettings settings() {
        try (InputStream in = ScenarioQualityTest.class.getResourceAsStream("/scenario/outflow.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ConfigProblems problems = new ConfigProblems();
            DetectionSettings settings = DetectionSettings.read(ConfigDocument.parse(text, "outflow.yaml"), null,
                    problems);
            problems.throwIfAny();
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Detector<?>> detectors(DetectionSettings settings) {
        AlertContext context = new AlertContext(settings.configVersion(), "test", Mode.replay);
        List<Detector<?>> detectors = new ArrayList<>();
        detectors.add(new CryptominingDetector(settings.cryptomining(), settings.miningPools(), context));
        detectors.add(new BandwidthSpikeDetector(settings.bandwidthSpike(), context));
        detectors.add(new BeaconingDetector(settings.beaconing(), context));
        return detectors;
    }

    @BeforeAll
    void runScenario() {
        long t0 = System.nanoTime();
        scenario = ScenarioGenerator.generate(SEED, START, DAYS);
        long t1 = System.nanoTime();
        DetectionSettings settings = settings();
        policy = settings.policy();
        run = ScenarioRun.of(scenario, detectors(settings), settings.pipeline().allowedLateness(), policy);
        long t2 = System.nanoTime();
        report = QualityReport.of(scenario, run, DetectorNames.ALL);
        System.out.printf("scenario seed %d: %d deliveries (%d benign events, %d incidents), generated in %d ms, "
                        + "detected in %d ms; late per detector %s%n", SEED, scenario.deliveries().size(),
                scenario.benignFlows(), scenario.incidents().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                run.lateCounts());
        System.out.println(report.table());
        System.out.print(report.details());
        for (Map.Entry<String, AlertPolicy.Tally> tally : policy.tallies().entrySet()) {
            System.out.println("suppressed by " + tally.getKey() + ": " + tally.getValue());
        }
    }

    @Test
    void beaconingFindsEveryBeaconWithoutNoise() {
        QualityReport.Row row = report.row(DetectorNames.BEACONING);
        assertThat(row.recall()).as(row.missed().toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(row.precision()).as(row.falseAlerts().toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(row.alertsPerIncident()).isLessThanOrEqualTo(1.5);
        assertThat(row.maxTimeToDetect()).isLessThanOrEqualTo(Duration.ofHours(30));
    }

    @Test
    void bandwidthSpikeFindsEveryBurstAndLeavesNightlyJobsAlone() {
        QualityReport.Row row = report.row(DetectorNames.BANDWIDTH_SPIKE);
        assertThat(row.recall()).as(row.missed().toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(row.precision()).as(row.falseAlerts().toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(row.alertsPerIncident()).isLessThanOrEqualTo(1.5);
        assertThat(row.maxTimeToDetect()).isLessThanOrEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void cryptominingFindsMinersByNameAndByPort() {
        QualityReport.Row row = report.row(DetectorNames.CRYPTOMINING);
        assertThat(row.recall()).as(row.missed().toString()).isGreaterThanOrEqualTo(0.75);
        assertThat(row.precision()).as(row.falseAlerts().toString()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theTelemetryVendorEntryIsWhatKeepsItsAgentQuiet() {
        assertThat(policy.tallies()).containsKey("metrics-vendor");
        assertThat(policy.tallies().get("metrics-vendor").alerts()).isPositive();
    }

    @Test
    void fewFlowsAreLate() {
        for (long late : run.lateCounts().values()) {
            assertThat(late).isLessThan(scenario.deliveries().size() / 500);
        }
    }
}
