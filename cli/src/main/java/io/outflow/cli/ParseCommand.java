package io.outflow.cli;

import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.QuarantineJson;
import io.outflow.ingest.files.InputFiles;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.json.ContractJson;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse Azure egress logs into FlowEvents (JSON Lines) and a quarantine of what cannot be read.",
            "Inputs: Event Hubs bodies as JSON Lines or multi-line JSON documents (.gz allowed), PT1H.json flow-log "
                + "blobs, Event Hubs Capture .avro archives; a directory means every file under it.",
            "A summary per category and outcome goes to stderr. Exit 0 when every input could be read "
                + "(quarantined records included), 1 when an input could not be read."})
final class ParseCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Files or directories to read (repeatable).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FlowEvents as JSON Lines ('-' for stdout).")
    Path out;

    @Option(names = "--quarantine", paramLabel = "FILE",
            description = "Quarantine as JSON Lines (default: next to --out, named *.quarantine.jsonl).")
    Path quarantine;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        List<Path> files;
        try {
            files = InputFiles.expand(inputs);
        } catch (IOException e) {
            err.println("outflow parse: cannot read input " + e.getMessage());
            return Outflow.INPUT_UNREADABLE;
        }
        Path quarantinePath = quarantine != null ? quarantine : OutputFiles.besides(out, ".quarantine.jsonl");
        int exit = Outflow.OK;
        long started = System.nanoTime();
        long bytes = 0;
        try (Writer events = OutputFiles.open(out); Writer rejected = OutputFiles.open(quarantinePath)) {
            EntryCounts counts = new EntryCounts(new JsonLinesSink(events, rejected));
            LogFileReader reader = LogFileReader.standard();
            for (Path file : files) {
                try {
                    reader.read(file, counts);
                    bytes += java.nio.file.Files.size(file);
                } catch (IOException e) {
                    err.println("outflow parse: cannot read " + file + ": " + e.getMessage());
                    exit = Outflow.INPUT_UNREADABLE;
                }
            }
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
            err.print(counts.table());
            err.printf("read %d file(s), %.1f MB in %.2f s (%.0f entries/s); events: %s; quarantine: %s%n",
                    files.size(), bytes / 1e6, seconds, counts.entries() / seconds, OutputFiles.describe(out),
                    quarantinePath);
        } catch (UncheckedIOException e) {
            err.println("outflow parse: cannot write output: " + e.getCause().getMessage());
            return Outflow.INPUT_UNREADABLE;
        }
        return exit;
    }

    /** Writes events and quarantine entries as JSON Lines. */
    private record JsonLinesSink(Writer events, Writer quarantine) implements EntrySink {
        @Override
        public void event(FlowEvent event) {
            try {
                ContractJson.write(event, events);
                events.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
