package io.outflow.replay.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What history to replay: the inputs, the identity history, the time bounds, and the parallelism. */
public final class HistoryOptions {

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH|URL",
            description = {"Files, directories (every file under them) or blob URLs "
                    + "(https://<account>.blob.core.windows.net/<container>/<prefix>) of Event Hubs bodies (JSON Lines "
                    + "or multi-line JSON, .gz allowed) and Capture .avro archives (repeatable)."})
    public List<String> inputs = new ArrayList<>();

    @Option(names = "--k8s-events", required = true, arity = "1..*", paramLabel = "[CLUSTER=]FILE",
            description = {"Identity history: kubectl watch events, lists or IdentityChange archives (repeatable; "
                    + "cluster 'default' when not named)."})
    public List<String> history = new ArrayList<>();

    @Option(names = "--from", paramLabel = "TIME", converter = IsoInstant.class,
            description = "Replay only flows at or after this time (ISO-8601 with Z or an offset).")
    public Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = IsoInstant.class,
            description = "Replay only flows before this time.")
    public Instant to;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "Parallelism of the detectors (default: the number of cores).")
    public Integer parallelism;

    public int parallelismOrDefault() {
        return parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    }
}
