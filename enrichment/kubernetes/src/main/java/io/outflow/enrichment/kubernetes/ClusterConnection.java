package io.outflow.enrichment.kubernetes;

import io.fabric8.kubernetes.client.Config;
import java.io.File;

/**
 * How to reach one cluster's API server, and the name its changes carry.
 *
 * @param cluster the cluster's name in {@code outflow.yaml}
 */
public record ClusterConnection(String cluster, Config config) {

    public ClusterConnection {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("a cluster name is required");
        }
        if (config == null) {
            throw new IllegalArgumentException("cluster " + cluster + " has no connection config");
        }
    }

    /** A context of the default kubeconfig ({@code $KUBECONFIG} or {@code ~/.kube/config}). */
    public static ClusterConnection kubeconfigContext(String cluster, String context) {
        return new ClusterConnection(cluster, Config.autoConfigure(requireContext(context)));
    }

    /** A context of a given kubeconfig file. */
    public static ClusterConnection kubeconfigContext(String cluster, File kubeconfig, String context) {
        return new ClusterConnection(cluster, Config.fromKubeconfig(requireContext(context), kubeconfig));
    }

    /** The cluster Outflow runs in, through its pod's service account (workload identity on AKS). */
    public static ClusterConnection inCluster(String cluster) {
        return new ClusterConnection(cluster, Config.autoConfigure(null));
    }

    /**
     * {@code CLUSTER=CONTEXT} or {@code CONTEXT} (the cluster is then named after the context), as given on the
     * command line.
     */
    public static ClusterConnection parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals < 0) {
            return kubeconfigContext(spec.strip(), spec.strip());
        }
        return kubeconfigContext(spec.substring(0, equals).strip(), spec.substring(equals + 1).strip());
    }

    private static String requireContext(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("a kubeconfig context name is required");
        }
        return context;
    }
}
