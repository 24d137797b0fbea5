package io.outflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDocumentedExampleIsValidAndSummarised() {
        Path example = Path.of("..", "docs", "outflow.example.yaml");
        int exit = Outflow.run("config", "validate", example.toString(), "--at", "2027-01-01T00:00:00Z");
        assertThat(exit).isZero();
        assertThat(out()).contains(example + ": valid")
                .containsPattern("configVersion: [0-9a-f]{12}")
                .contains("detectors on: cryptomining, bandwidth_spike, new_fqdn, beaconing")
                .contains("allowlist entries: 3 configured, ")
                .contains("built-in (aksRequired, azureMonitor)")
                .contains("suppressions: 1, severity overrides: 1")
                .contains("expired at 2027-01-01T00:00:00Z: 1")
                .contains("  allowlist partner-sftp (expired 2027-01-01T00:00:00Z): no longer applies");
    }

    @Test
    void everyProblemIsPrintedAndTheExitCodeIsTwo() throws IOException {
        Path file = dir.resolve("outflow.yaml");
        Files.writeString(file, """
                detectors:
                  beaconing:
                    minConnections: 0
                  new_fqdn:
                    learningPeriod: forever
                sentinel: {}
                """);
        int exit = Outflow.run("config", "validate", file.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(out().lines()).containsExactly(
                "detectors.new_fqdn.learningPeriod: must be a duration such as 90s, 10m, 24h, 7d or PT10M, got "
                        + "'forever' (outflow.yaml:5)",
                "detectors.beaconing.minConnections: must be ≥ 3, got 0 (outflow.yaml:3)",
                "sentinel: unknown key (outflow.yaml:6)",
                file + ": 3 problems");
    }

    @Test
    void aMissingFileOrBrokenYamlIsAnInvalidConfiguration() throws IOException {
        assertThat(Outflow.run("config", "validate", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(out()).contains("cannot read the file");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "detectors:\n  beaconing: [\n");
        assertThat(Outflow.run("config", "validate", broken.toString())).isEqualTo(2);
        assertThat(out()).contains("invalid YAML");
    }

    @Test
    void anEmptyFileIsValidAndRunsEveryDetector() throws IOException {
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        assertThat(Outflow.run("config", "validate", empty.toString())).isZero();
        assertThat(out()).contains("detectors on: cryptomining, bandwidth_spike, new_fqdn, beaconing")
                .contains("allowlist entries: 0 configured");
    }
}
