package io.outflow.replay.cli;

import java.nio.file.Path;

/** Output locations: URIs stay as given; local paths become absolute (the job may run in another directory). */
public final class OutputPaths {
    private OutputPaths() {
    }

    public static String resolve(String location) {
        return location.contains("://") ? location : Path.of(location).toAbsolutePath().normalize().toString();
    }

    /** A file next to {@code out}, its .jsonl/.json/.avro extension replaced by {@code suffix}. */
    public static String besides(String out, String suffix) {
        String resolved = resolve(out);
        int slash = resolved.lastIndexOf('/');
        String dir = resolved.substring(0, slash + 1);
        String name = resolved.substring(slash + 1).replaceFirst("\\.(jsonl|json|avro)$", "");
        return dir + name + suffix;
    }
}
