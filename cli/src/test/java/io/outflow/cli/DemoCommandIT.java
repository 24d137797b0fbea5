package io.outflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo end to end: its four injected incidents are found, its benign traps are not. */
class DemoCommandIT {

    @Test
    void findsTheInjectedIncidentsAndNothingElse(@TempDir Path dir) throws IOException {
        int exit = Outflow.run("demo", "--dir", dir.toString());

        assertThat(exit).isZero();
        List<String> found = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("alerts.jsonl"))) {
            JsonNode alert = json.readTree(line);
            assertThat(alert.path("attribution").asText()).isEqualTo("pod");
            assertThat(alert.path("mode").asText()).isEqualTo("replay");
            found.add(alert.path("detector").asText() + " " + alert.path("workload").asText() + " "
                    + alert.path("destinationFqdn").asText(alert.path("destinationIp").asText()));
        }
        assertThat(found).contains(
                "beaconing image-resizer cdn-sync.update-check.example",
                "cryptomining batch-worker xmr-eu1.nanopool.org",
                "cryptomining batch-worker 198.51.100.66",
                "bandwidth_spike reports-api 198.51.100.200",
                "new_fqdn payments-api drop.pastebin-clone.net");
        // every alert belongs to an incident workload; the telemetry pollers, CDN churn and the address that
        // invoice-render held before batch-worker raise nothing
        assertThat(found).allSatisfy(a -> assertThat(a).containsAnyOf("image-resizer", "batch-worker", "reports-api",
                "payments-api drop.pastebin-clone.net"));
        assertThat(found).noneMatch(a -> a.contains("telemetry") || a.contains("invoice-render"));
        assertThat(Files.readAllLines(dir.resolve("quarantine.jsonl"))).hasSize(3);
    }
}
