package io.outflow.replay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.input.InputCatalog;
import io.outflow.replay.input.InputSource;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.testing.EgressScenario;
import io.outflow.replay.testing.ReplayHarness;
import io.outflow.schemas.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product detectors, prevalence stage and alert policy over a labelled day of egress: the incident is found, the
 * traps stay quiet, the shared poller is damped, and the replay gives the reference engine's alerts whatever the
 * parallelism or the split into files.
 */
class ScenarioReplayIT {
    private static final ConfiguredDetectors DETECTORS = new ConfiguredDetectors(ReplayConfig.DEFAULTS, "test",
            Mode.replay);

    @TempDir
    static Path dir;

    static EgressScenario.Files twoPartitions;
    static List<InputSource> inputs;
    static ReplayHarness.Result replay;

    @BeforeAll
    static void replayTheDay() throws Exception {
        twoPartitions = EgressScenario.write(dir.resolve("two"), 2, 2025, true);
        inputs = InputCatalog.resolve(twoPartitions.logNames(), BlobAccess.fromEnvironment());
        replay = ReplayHarness.flink(inputs, ReplayHarness.enrichment(List.of(twoPartitions.historySpec())),
                DETECTORS, 2, TimeRange.ALL, dir.resolve("out-two"));
    }

    @Test
    void findsTheBeaconAndNothingOfTheBenignTraps() {
        assertThat(replay.alerts()).filteredOn(a -> a.contains("\"detector\":\"beaconing\""))
                .anySatisfy(a -> assertThat(a).contains("\"workload\":\"" + EgressScenario.BEACON_WORKLOAD + "\"",
                        "\"namespace\":\"batch\"", "\"attribution\":\"pod\"", "badcdn.example",
                        "\"cluster\":\"" + EgressScenario.CLUSTER + "\"", "\"mode\":\"replay\""));
        assertThat(replay.alerts()).noneMatch(a -> a.contains("\"workload\":\"web\""))
                .noneMatch(a -> a.contains("\"workload\":\"agent\""));
        assertThat(replay.report().suppressedByRule()).containsKey("builtin:azureMonitor/application-insights");
        assertThat(replay.report().lateByDetector()).allSatisfy((detector, late) -> assertThat(late).isZero());
        assertThat(replay.quarantine()).isEmpty();
    }

    @Test
    void dampsTheSharedPollerInsteadOfHidingIt() {
        List<String> shared = replay.alerts().stream().filter(a -> a.contains(EgressScenario.SHARED_DOMAIN)).toList();
        assertThat(shared).as("one beaconing alert per svc workload").hasSize(6)
                .allSatisfy(a -> assertThat(a).contains("\"detector\":\"beaconing\"", "\"namespace\":\"svc\"",
                        "\"severity\":\"informational\"", "\"common\":true",
                        "\"otherSources\":5"));
        assertThat(replay.alerts()).filteredOn(a -> a.contains(EgressScenario.BEACON_DOMAIN))
                .allSatisfy(a -> assertThat(a).contains("\"common\":false").doesNotContain("informational"));
    }

    @Test
    void givesTheReferenceEnginesAlerts() throws Exception {
        List<String> reference = ReplayHarness.reference(inputs,
                ReplayHarness.enrichment(List.of(twoPartitions.historySpec())), DETECTORS);

        assertThat(replay.alerts()).isNotEmpty().isEqualTo(reference);
    }

    @Test
    void givesTheSameAlertsAtParallelismOneAndSplitOverFiveFiles() throws Exception {
        EgressScenario.Files five = EgressScenario.write(dir.resolve("five"), 5, 2025, true);
        List<InputSource> fiveInputs = InputCatalog.resolve(new ArrayList<>(five.logNames()),
                BlobAccess.fromEnvironment());

        ReplayHarness.Result single = ReplayHarness.flink(fiveInputs,
                ReplayHarness.enrichment(List.of(five.historySpec())), DETECTORS, 1, TimeRange.ALL,
                dir.resolve("out-five"));

        assertThat(single.alerts()).isEqualTo(replay.alerts());
    }
}
