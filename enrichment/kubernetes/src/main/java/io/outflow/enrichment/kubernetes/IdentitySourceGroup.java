package io.outflow.enrichment.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The sources of several clusters feeding one sink (one set of informers per cluster), failing as one: when any
 * cluster's source fails, every other is closed and {@link #terminated()} completes exceptionally with that
 * failure.
 */
public final class IdentitySourceGroup implements AutoCloseable {
    private final List<ClusterIdentitySource> sources;
    private final List<KubernetesClient> ownedClients;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private IdentitySourceGroup(List<ClusterIdentitySource> sources, List<KubernetesClient> ownedClients) {
        this.sources = List.copyOf(sources);
        this.ownedClients = List.copyOf(ownedClients);
        for (ClusterIdentitySource source : sources) {
            source.terminated().whenComplete((ignored, error) -> {
                if (error != null && terminated.completeExceptionally(error)) {
                    CompletableFuture.runAsync(this::close);
                }
            });
        }
    }

    /** Builds a client per connection (closed with the group) and a source per client, not yet started. */
    public static IdentitySourceGroup connect(List<ClusterConnection> connections, IdentityChangeSink sink,
                                              SourceSettings settings, Clock clock) {
        requireDistinctNames(connections.stream().map(ClusterConnection::cluster).toList());
        IdentityChangeSink serialized = serialize(sink);
        List<KubernetesClient> clients = new ArrayList<>();
        List<ClusterIdentitySource> sources = new ArrayList<>();
        try {
            for (ClusterConnection connection : connections) {
                KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config()).build();
                clients.add(client);
                sources.add(ClusterIdentitySource.create(connection.cluster(), client, serialized, settings, clock));
            }
        } catch (RuntimeException e) {
            clients.forEach(KubernetesClient::close);
            throw e;
        }
        return new IdentitySourceGroup(sources, clients);
    }

    /** Sources over clients the caller owns (and closes). */
    public static IdentitySourceGroup of(List<ClusterIdentitySource> sources) {
        requireDistinctNames(sources.stream().map(ClusterIdentitySource::cluster).toList());
        return new IdentitySourceGroup(sources, List.of());
    }

    /** Wraps a sink shared by several sources so that it sees one call at a time. */
    public static IdentityChangeSink serialize(IdentityChangeSink sink) {
        Object lock = new Object();
        return change -> {
            synchronized (lock) {
                sink.accept(change);
            }
        };
    }

    /** Completes when every cluster has listed, exceptionally when one fails first. */
    public CompletableFuture<Void> start() {
        return CompletableFuture.allOf(sources.stream()
                .map(ClusterIdentitySource::start)
                .toArray(CompletableFuture[]::new));
    }

    /** Completes normally after {@link #close()}, exceptionally with the first cluster's failure. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    public List<SourceHealth> health() {
        return sources.stream().map(ClusterIdentitySource::health).toList();
    }

    public boolean isDown() {
        return health().stream().anyMatch(SourceHealth::isDown);
    }

    @Override
    public void close() {
        sources.forEach(ClusterIdentitySource::close);
        ownedClients.forEach(KubernetesClient::close);
        terminated.complete(null);
    }

    private static void requireDistinctNames(List<String> clusters) {
        Set<String> seen = new HashSet<>();
        for (String cluster : clusters) {
            if (!seen.add(cluster)) {
                throw new IllegalArgumentException("cluster " + cluster + " is given twice");
            }
        }
    }
}
