package io.outflow.cli;

import io.outflow.cli.demo.DemoScenario;
import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.QuarantineJson;
import io.outflow.ingest.files.InputFiles;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Outflow on bundled sample data: three days of a fictional AKS cluster's egress with "
                + "injected incidents (a beacon, a miner, an exfiltration burst, a first-seen domain) and some "
                + "broken records.", "Writes the inputs and the results into --dir and prints what it found."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", defaultValue = "outflow-demo", paramLabel = "DIR",
            description = "Where to write the sample inputs and the results (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        long started = System.nanoTime();
        DemoScenario.Inputs inputs = DemoScenario.write(dir.resolve("input"));
        Path quarantinePath = dir.resolve("quarantine.jsonl");
        EntryCounts counts;
        try (Writer quarantine = OutputFiles.open(quarantinePath)) {
            counts = new EntryCounts(new QuarantineOnly(quarantine));
            LogFileReader reader = LogFileReader.standard();
            for (Path file : InputFiles.expand(List.of(inputs.logs().resolve("firewall"), inputs.logs().resolve("flowlogs")))) {
                reader.read(file, counts);
            }
        }
        err.print(counts.table());
        System.out.printf("inputs:     %s%n", inputs.logs().toAbsolutePath());
        System.out.printf("quarantine: %s (%d entries)%n", quarantinePath.toAbsolutePath(), counts.quarantined());
        err.printf("demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return Outflow.OK;
    }

    private record QuarantineOnly(Writer quarantine) implements EntrySink {
        @Override
        public void event(FlowEvent event) {
        }

        @Override
        public void quarantine(QuarantineEntry entry) {
            try {
                quarantine.write(QuarantineJson.toJson(entry));
                quarantine.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void ignored(String category) {
        }
    }
}
