package io.outflow.enrichment;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.config.PipelineSettings;
import io.outflow.enrichment.clusters.ClustersSettings;
import io.outflow.enrichment.timeline.IdentitySettings;

/**
 * The enrichment's part of {@code outflow.yaml}: the {@code identity} and {@code clusters} sections. The caller
 * reads {@code pipeline} once and passes it in (the retention is checked against its allowed lateness) and
 * rejects unknown top-level sections, which other modules own.
 */
public record EnrichmentSettings(IdentitySettings identity, ClustersSettings clusters) {
    public static final EnrichmentSettings DEFAULT = new EnrichmentSettings(IdentitySettings.DEFAULT,
            ClustersSettings.NONE);

    public static EnrichmentSettings read(ConfigNode root, PipelineSettings pipeline, ConfigProblems problems) {
        IdentitySettings identity = IdentitySettings.read(root, pipeline, problems);
        ClustersSettings clusters = ClustersSettings.read(root, problems);
        return new EnrichmentSettings(identity, clusters);
    }
}
