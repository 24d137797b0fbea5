package io.outflow.cli.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** The bundled demo: a fictional AKS cluster's three days of egress, written as Azure would log it. */
public final class DemoScenario {
    public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    public static final long DAYS = 3;

    /** Where the scenario's files were written. */
    public record Inputs(Path logs, Path k8sEvents, String cluster) {
    }

    private DemoScenario() {
    }

    public static Inputs write(Path dir) throws IOException {
        DemoCluster cluster = DemoCluster.build(DAYS);
        DemoTraffic traffic = new DemoTraffic(cluster, DAYS);
        Path k8s = new DemoFiles(cluster, traffic, START).write(dir, DAYS);
        return new Inputs(dir, k8s, cluster.name());
    }
}
