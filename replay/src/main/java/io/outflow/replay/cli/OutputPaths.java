package io.outflow.replay.cli;

import io.outflow.replay.job.output.FlinkFileTarget;
import io.outflow.replay.job.output.StandardOutput;
import io.outflow.replay.sink.FileTarget;
import java.nio.file.Path;

/**
 * Output locations: '-' is stdout; URIs stay as given; local paths become absolute (the job may run in another
 * directory).
 */
public final class OutputPaths {
    public static final String STDOUT = "-";

    private OutputPaths() {
    }

    public static String resolve(String location) {
        return location.contains("://") ? location : Path.of(location).toAbsolutePath().normalize().toString();
    }

    public static FileTarget target(String location) {
        return STDOUT.equals(location) ? new StandardOutput() : new FlinkFileTarget(resolve(location));
    }

    /**
     * A file next to {@code out}, its .jsonl/.json/.avro extension replaced by {@code suffix}; next to "alerts" in the
     * working directory when the alerts go to stdout.
     */
    public static String besides(String out, String suffix) {
        String resolved = resolve(STDOUT.equals(out) ? "alerts" : out);
        int slash = resolved.lastIndexOf('/');
        String dir = resolved.substring(0, slash + 1);
        String name = resolved.substring(slash + 1).replaceFirst("\\.(jsonl|json|avro)$", "");
        return dir + name + suffix;
    }
}
