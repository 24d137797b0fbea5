package io.outflow.replay.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code outflow replay}, shared by the CLI command (embedded cluster) and the job jar's entry point
 * (a Flink cluster), so both read arguments the same way.
 */
public final class ReplayOptions {

    @Mixin
    public HistoryOptions history = new HistoryOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "outflow.yaml (default: every default).")
    public Path config;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Alerts: JSON Lines, or Avro when the name ends in .avro; one line per alertId (its last "
                    + "revision). A local path, or on a Flink cluster any URI its file systems know (abfss://...).")
    public String out;

    @Option(names = "--quarantine", paramLabel = "FILE",
            description = "Quarantined entries as JSON Lines (default: next to --out, *.quarantine.jsonl).")
    public String quarantine;

    @Option(names = "--late", paramLabel = "FILE",
            description = "Late flows as JSON Lines (default: next to --out, *.late.jsonl).")
    public String late;
}
