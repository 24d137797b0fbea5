package io.outflow.replay.job;

import io.outflow.enrichment.EnrichmentSettings;
import io.outflow.enrichment.clusters.ClusterNetworks;
import io.outflow.enrichment.enricher.FlowEnricher;
import io.outflow.enrichment.enricher.IdentityResolver;
import io.outflow.enrichment.history.HistoryCounts;
import io.outflow.enrichment.history.HistorySource;
import io.outflow.enrichment.history.IdentityHistory;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.util.List;

/**
 * Enrichment from identity history files ({@code --k8s-events [CLUSTER=]FILE}): the enrichment module's timeline,
 * loaded where the enrichment runs, and its enricher. Files are named by absolute path, readable there.
 *
 * @param sources the {@code [CLUSTER=]FILE} arguments
 */
public record IdentityHistoryEnrichment(List<String> sources, ReplayConfig config) implements FlowEnrichment {

    public IdentityHistoryEnrichment {
        sources = List.copyOf(sources);
    }

    /** Reads the history as the job will, to report what it holds before the job starts (and fail early). */
    public HistoryCounts check() throws IOException {
        EnrichmentSettings settings = config.enrichment();
        return IdentityHistory.load(parsed(), new IdentityTimeline(settings.identity()), null);
    }

    @Override
    public Enricher open() throws IOException {
        EnrichmentSettings settings = config.enrichment();
        IdentityTimeline timeline = new IdentityTimeline(settings.identity());
        IdentityHistory.load(parsed(), timeline, null);
        FlowEnricher enricher = new FlowEnricher(new IdentityResolver(timeline,
                new ClusterNetworks(settings.clusters())));
        return new Enricher() {
            @Override
            public EnrichedFlow enrich(FlowEvent flow) {
                return enricher.enrich(flow);
            }

            @Override
            public void advance(long watermarkMillis) {
                timeline.advance(watermarkMillis);
            }
        };
    }

    private List<HistorySource> parsed() {
        return sources.stream().map(HistorySource::parse).toList();
    }
}
