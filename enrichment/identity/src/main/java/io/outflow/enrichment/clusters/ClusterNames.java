package io.outflow.enrichment.clusters;

import java.util.regex.Pattern;

/** Cluster names appear in {@code CLUSTER=FILE} arguments, alert entities and topic keys: keep them plain. */
public final class ClusterNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private ClusterNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
