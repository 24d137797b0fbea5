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

    /** The demo's outflow.yaml: its one flat-network cluster and where its egress is logged. */
    public static String config() {
        return "clusters:\n"
                + "  " + DemoCluster.CLUSTER + ":\n"
                + "    networkPlugin: azure-cni\n"
                + "    podCidrs: [10.240.0.0/16]\n"
                + "    nodeCidrs: [10.224.0.0/16]\n"
                + "    firewallResourceIds: [" + DemoCluster.FIREWALL + "]\n"
                + "    vnetResourceIds: [" + DemoCluster.VNET + "]\n"
                + "detectors:\n"
                + "  new_fqdn:\n"
                + "    learningPeriod: 1d          # the demo spans three days; the default is 7d\n"
                + "allowlist:\n"
                + "  entries:\n"
                + "    - name: telemetry-vendor\n"
                + "      domains: [ingest.telemetry-vendor.example]\n"
                + "      detectors: [beaconing]\n"
                + "      reason: every service's telemetry SDK reports once a minute\n"
                + "      owner: team-platform\n";
    }

    public static Inputs write(Path dir) throws IOException {
        DemoCluster cluster = DemoCluster.build(DAYS);
        DemoTraffic traffic = new DemoTraffic(cluster, DAYS);
        Path k8s = new DemoFiles(cluster, traffic, START).write(dir, DAYS);
        return new Inputs(dir, k8s, cluster.name());
    }
}
