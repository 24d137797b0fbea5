package io.outflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.cli.demo.DemoScenario;
import io.outflow.replay.cli.ReplayCli;
import io.outflow.replay.cli.ReplayOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Outflow's main job on bundled sample data: three days of a fictional AKS cluster's "
                + "egress (Azure Firewall records, VNet flow logs, Kubernetes watch events) with injected incidents "
                + "— a beacon, a miner, an exfiltration burst, a first-seen domain — and some broken records.",
            "Parses, enriches with the identity of each address at its time, runs the four detectors on the "
                + "embedded replay engine, writes alerts.jsonl and quarantine.jsonl into --dir and prints the alerts."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "outflow-demo", paramLabel = "DIR",
            description = "Where to write the sample inputs and the results (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        DemoScenario.Inputs inputs = DemoScenario.write(dir.resolve("input"));
        Path config = dir.resolve("outflow.yaml");
        Files.writeString(config, DemoScenario.config(), StandardCharsets.UTF_8);

        ReplayOptions options = new ReplayOptions();
        options.history.inputs = List.of(inputs.logs().resolve("firewall").toString(),
                inputs.logs().resolve("flowlogs").toString());
        options.history.history = List.of(inputs.cluster() + "=" + inputs.k8sEvents());
        options.config = config;
        Path alerts = dir.resolve("alerts.jsonl");
        Path quarantine = dir.resolve("quarantine.jsonl");
        options.out = alerts.toString();
        options.quarantine = quarantine.toString();
        options.late = dir.resolve("late.jsonl").toString();
        int exit = ReplayCli.replay(options, OutflowVersion.current(), System.err);
        if (exit != Outflow.OK) {
            return exit;
        }

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(alerts, StandardCharsets.UTF_8);
        out.printf("%d alert(s):%n", lines.size());
        for (String line : lines) {
            JsonNode alert = json.readTree(line);
            String who = alert.hasNonNull("workload")
                    ? alert.path("namespace").asText() + "/" + alert.path("workloadKind").asText() + "/"
                            + alert.path("workload").asText()
                    : alert.hasNonNull("node") ? "node/" + alert.path("node").asText()
                    : "ip/" + alert.path("sourceIp").asText();
            String where = alert.hasNonNull("destinationFqdn") ? alert.path("destinationFqdn").asText()
                    : alert.path("destinationIp").asText("");
            out.printf("  %-15s %-12s %-40s -> %-36s %s%n", alert.path("detector").asText(),
                    alert.path("severity").asText(), who, where, alert.path("title").asText());
        }
        long quarantined;
        try (var stream = Files.lines(quarantine)) {
            quarantined = stream.count();
        }
        out.printf("alerts:     %s%n", alerts.toAbsolutePath());
        out.printf("quarantine: %s (%d entries)%n", quarantine.toAbsolutePath(), quarantined);
        out.printf("inputs:     %s%n", inputs.logs().toAbsolutePath());
        return Outflow.OK;
    }
}
