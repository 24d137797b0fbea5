package io.outflow.enrichment.history;

import io.outflow.enrichment.clusters.ClusterNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One identity history file and the cluster it describes, written {@code [CLUSTER=]FILE} on the command line.
 *
 * @param explicit whether the cluster was named; for {@code IdentityChange} archives, a named cluster replaces the
 *     one recorded in each change, otherwise the recorded one stays
 */
public record HistorySource(String cluster, Path file, boolean explicit) {
    public static final String DEFAULT_CLUSTER = "default";

    /** {@code aks-prod=watch.json} or {@code watch.json}; a prefix that is no cluster name is part of the path. */
    public static HistorySource parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq > 0 && eq < spec.length() - 1 && ClusterNames.isValid(spec.substring(0, eq))) {
            return new HistorySource(spec.substring(0, eq), Path.of(spec.substring(eq + 1)), true);
        }
        if (eq == spec.length() - 1) {
            throw new IllegalArgumentException("'" + spec + "' names a cluster but no file");
        }
        return new HistorySource(DEFAULT_CLUSTER, Path.of(spec), false);
    }

    /**
     * The files this source stands for: itself, or every regular file under it when it is a directory (sorted,
     * hidden files left out), each with the source's cluster.
     */
    public List<HistorySource> expand() throws IOException {
        if (!Files.isDirectory(file)) {
            return List.of(this);
        }
        List<HistorySource> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(file)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .forEach(p -> out.add(new HistorySource(cluster, p, explicit)));
        }
        return out;
    }

    @Override
    public String toString() {
        return cluster + "=" + file;
    }
}
