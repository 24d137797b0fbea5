package io.outflow.detectors.settings;

import io.outflow.schemas.Alert;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which alerts a rule is about: all conditions given must hold; an absent condition holds for every alert.
 *
 * @param detectors detector names; empty: every detector
 * @param cluster the alert's cluster
 * @param namespace the alert's namespace
 * @param workload the alert's workload name (any kind), within {@code namespace}
 * @param node the alert's node
 */
public record AlertScope(Set<String> detectors, String cluster, String namespace, String workload, String node) {
    public static final AlertScope EVERYTHING = new AlertScope(Set.of(), null, null, null, null);

    public AlertScope {
        detectors = Set.copyOf(new TreeSet<>(detectors));
    }

    public boolean matches(Alert alert) {
        return (detectors.isEmpty() || detectors.contains(alert.getDetector()))
                && (cluster == null || cluster.equals(alert.getCluster()))
                && (namespace == null || namespace.equals(alert.getNamespace()))
                && (workload == null || workload.equals(alert.getWorkload()))
                && (node == null || node.equals(alert.getNode()));
    }

    /** Whether any condition narrows the scope. */
    public boolean isNarrowed() {
        return !detectors.isEmpty() || cluster != null || namespace != null || workload != null || node != null;
    }

    /** The detectors, sorted (for canonical forms). */
    public List<String> sortedDetectors() {
        return List.copyOf(new TreeSet<>(detectors));
    }
}
