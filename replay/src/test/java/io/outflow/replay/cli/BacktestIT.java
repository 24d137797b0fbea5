package io.outflow.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.replay.testing.EgressScenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config change that allowlists the beacon's domain, backtested on the labelled day. */
class BacktestIT {
    @TempDir
    Path dir;

    @Test
    void reportsTheAlertsAConfigChangeRemovesAndWhatItsAllowlistEntrySuppressed() throws Exception {
        EgressScenario.Files scenario = EgressScenario.write(dir.resolve("history"), 2, 7);
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), "pipeline:\n  allowedLateness: 10m\n");
        Path candidate = Files.writeString(dir.resolve("candidate.yaml"), """
                pipeline:
                  allowedLateness: 10m
                allowlist:
                  entries:
                    - name: reporter-update-check
                      domains: ["*.badcdn.example"]
                      reason: the vendor's update check
                      owner: team-batch
                """);
        BacktestOptions options = new BacktestOptions();
        options.history.inputs = scenario.logNames();
        options.history.history = List.of(scenario.historySpec());
        options.history.parallelism = 2;
        options.baseline = baseline;
        options.candidate = candidate;
        options.report = dir.resolve("out/report.html");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ReplayCli.backtest(options, "test", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String html = Files.readString(dir.resolve("out/report.html"));
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(json.at("/totals/removed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(json.at("/totals/added").asInt()).isZero();
        assertThat(json.at("/removed")).anySatisfy(a -> {
            assertThat(a.at("/detector").asText()).isEqualTo("beaconing");
            assertThat(a.at("/workload").asText()).isEqualTo(EgressScenario.BEACON_WORKLOAD);
            assertThat(a.at("/evidence").isObject()).isTrue();
        });
        assertThat(json.at("/candidate/suppressedByEntry/reporter-update-check").asLong()).isPositive();
        assertThat(json.at("/baseline/suppressedByEntry/reporter-update-check").isMissingNode()).isTrue();
        assertThat(json.at("/baseline/configVersion").asText()).hasSize(12)
                .isNotEqualTo(json.at("/candidate/configVersion").asText());
        assertThat(html).contains("<svg", "reporter-update-check", "Removed by the candidate", "badcdn.example",
                "beaconing");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("report: ");
    }

    @Test
    void refusesAnInvalidCandidateConfigWithExitTwoAndEveryProblem() throws Exception {
        EgressScenario.Files scenario = EgressScenario.write(dir.resolve("history"), 1, 7);
        Path baseline = Files.writeString(dir.resolve("baseline.yaml"), "");
        Path candidate = Files.writeString(dir.resolve("candidate.yaml"), """
                pipeline:
                  allowedLateness: soon
                detectors:
                  beaconing:
                    nonsense: 3
                """);
        BacktestOptions options = new BacktestOptions();
        options.history.inputs = scenario.logNames();
        options.history.history = List.of(scenario.historySpec());
        options.baseline = baseline;
        options.candidate = candidate;
        options.report = dir.resolve("report.html");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ReplayCli.backtest(options, "test", new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ReplayCli.BAD_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pipeline.allowedLateness",
                "detectors.beaconing.nonsense");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }
}
