package io.outflow.enrichment.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster's informers on pods, replicasets, jobs and nodes (list, then watch, with periodic resync), every change
 * delivered to a sink as an {@link IdentityChange}. It needs get, list and watch on those four resources and nothing
 * else.
 *
 * <p>Failure behaviour:
 * <ul>
 *   <li>410 Gone (the watch's resourceVersion is too old): the informer relists and carries on; objects that vanished
 *       meanwhile are delivered as DELETED with their last known state. The source stays up.</li>
 *   <li>A failed initial list, a lost right (401, 403), a resource the server no longer serves (404, 405), an object
 *       that cannot be read, a watch that gives up, an informer that stops on its own, a sink or conversion that
 *       throws, or an informer without a working watch for longer than {@link SourceSettings#maxOutage()}: the
 *       source stops all its informers, {@link #health()} turns DOWN and {@link #terminated()} completes
 *       exceptionally with an {@link IdentitySourceFailure}, so that its owner can exit non-zero. A cache that can
 *       no longer be kept current is never left running.</li>
 *   <li>Other errors after start (connection lost, 5xx, 429) are retried by the informer with back-off, within
 *       the allowed outage; meanwhile health is DEGRADED.</li>
 * </ul>
 */
public final class ClusterIdentitySource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentitySource.class);
    private static final List<Integer> PERMANENT_HTTP_CODES = List.of(401, 403, 404, 405);

    private final String cluster;
    private final IdentityChangeSink sink;
    private final ObjectChangeTranslator translator;
    private final SourceSettings settings;
    private final Clock clock;
    private final Map<ObjectKind, KindWatch> watches = new EnumMap<>(ObjectKind.class);
    private final Object sinkLock = new Object();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final AtomicReference<IdentitySourceFailure> failure = new AtomicReference<>();
    private final ScheduledExecutorService watchdog;
    private volatile boolean started;
    private volatile boolean closing;

    private ClusterIdentitySource(String cluster, KubernetesClient client, IdentityChangeSink sink,
                                  SourceSettings settings, Clock clock) {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("a cluster name is required");
        }
        this.cluster = cluster;
        this.sink = sink;
        this.translator = new ObjectChangeTranslator(client.getKubernetesSerialization());
        this.settings = settings;
        this.clock = clock;
        long resyncMillis = settings.resyncPeriod().toMillis();
        watches.put(ObjectKind.POD, new KindWatch(ObjectKind.POD,
                client.pods().inAnyNamespace().runnableInformer(resyncMillis)));
        watches.put(ObjectKind.REPLICA_SET, new KindWatch(ObjectKind.REPLICA_SET,
                client.apps().replicaSets().inAnyNamespace().runnableInformer(resyncMillis)));
        watches.put(ObjectKind.JOB, new KindWatch(ObjectKind.JOB,
                client.batch().v1().jobs().inAnyNamespace().runnableInformer(resyncMillis)));
        watches.put(ObjectKind.NODE, new KindWatch(ObjectKind.NODE,
                client.nodes().runnableInformer(resyncMillis)));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outflow-identity-watchdog-" + cluster);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A source for one cluster, not yet started. The client stays the caller's: {@link #close()} does not close it.
     *
     * @param cluster the name written into every change (the {@code clusters:} name of {@code outflow.yaml})
     */
    public static ClusterIdentitySource create(String cluster, KubernetesClient client, IdentityChangeSink sink,
                                               SourceSettings settings, Clock clock) {
        return new ClusterIdentitySource(cluster, client, sink, settings, clock);
    }

    public String cluster() {
        return cluster;
    }

    /**
     * Starts the four informers. The future completes when each has listed its resource (the changes of the initial
     * lists may still be on their way to the sink), or exceptionally when the source fails first.
     */
    public synchronized CompletableFuture<Void> start() {
        if (started) {
            throw new IllegalStateException("source of cluster " + cluster + " already started");
        }
        started = true;
        Instant now = clock.instant();
        CompletableFuture<?>[] lists = watches.values().stream()
                .map(watch -> watch.start(now))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(lists).whenComplete((ignored, error) -> {
            if (error == null) {
                LOG.info("identity source of cluster {}: pods, replicasets, jobs and nodes listed, watching", cluster);
                synced.complete(null);
            }
            // a failed list stops its informer, whose stopped() then fails the source
        });
        long checkMillis = settings.checkInterval().toMillis();
        watchdog.scheduleWithFixedDelay(this::checkOutages, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        return synced;
    }

    /**
     * Completes normally after {@link #close()}, exceptionally with an {@link IdentitySourceFailure} when the source
     * failed. The owner waits on it (or registers a callback) and exits non-zero on failure.
     */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    public SourceHealth health() {
        Map<ObjectKind, SourceHealth.InformerHealth> informers = new EnumMap<>(ObjectKind.class);
        boolean allSynced = true;
        boolean allWatching = true;
        for (KindWatch watch : watches.values()) {
            SourceHealth.InformerHealth health = watch.health();
            informers.put(watch.kind, health);
            allSynced &= health.synced();
            allWatching &= health.watching();
        }
        IdentitySourceFailure failed = failure.get();
        SourceHealth.State state;
        if (failed != null) {
            state = SourceHealth.State.DOWN;
        } else if (closing) {
            state = SourceHealth.State.CLOSED;
        } else if (!allSynced) {
            state = SourceHealth.State.STARTING;
        } else if (!allWatching) {
            state = SourceHealth.State.DEGRADED;
        } else {
            state = SourceHealth.State.UP;
        }
        return new SourceHealth(cluster, state, Map.copyOf(informers),
                Optional.ofNullable(failed).map(Throwable::getMessage));
    }

    /** Stops the informers; {@link #terminated()} completes normally unless the source had already failed. */
    @Override
    public void close() {
        closing = true;
        watches.values().forEach(KindWatch::stop);
        watchdog.shutdown();
        synced.completeExceptionally(new IllegalStateException("source of cluster " + cluster + " closed"));
        IdentitySourceFailure failed = failure.get();
        if (failed != null) {
            terminated.completeExceptionally(failed); // a failure just before the close still counts
        } else {
            terminated.complete(null);
        }
    }

    private void checkOutages() {
        if (closing || failure.get() != null) {
            return;
        }
        Instant now = clock.instant();
        for (KindWatch watch : watches.values()) {
            Optional<Duration> outage = watch.outage(now);
            if (outage.isPresent() && outage.get().compareTo(settings.maxOutage()) > 0) {
                fail(watch.kind, "no working watch for " + outage.get().toSeconds() + "s (allowed: "
                        + settings.maxOutage().toSeconds() + "s); the cache would be stale", null);
                return;
            }
        }
    }

    private void fail(ObjectKind kind, String message, Throwable cause) {
        if (closing) {
            return;
        }
        IdentitySourceFailure failed = new IdentitySourceFailure(cluster, kind, message, cause);
        if (!failure.compareAndSet(null, failed)) {
            return;
        }
        LOG.error("{}; stopping every informer of the cluster", failed.getMessage(), cause);
        // never stop informers or run the owner's callbacks on a client I/O thread: the watchdog thread does both
        Runnable shutDown = () -> {
            watches.values().forEach(KindWatch::stop);
            synced.completeExceptionally(failed);
            terminated.completeExceptionally(failed);
            watchdog.shutdown();
        };
        try {
            watchdog.execute(shutDown);
        } catch (RejectedExecutionException closedMeanwhile) {
            shutDown.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof KubernetesClientException client && client.getCode() > 0) {
            String hint = switch (client.getCode()) {
                case 401 -> " (credentials rejected)";
                case 403 -> " (get/list/watch not granted: see deploy/rbac/outflow-reader-clusterrole.yaml)";
                case 404, 405 -> " (resource not served by this API server)";
                default -> "";
            };
            return "HTTP " + client.getCode() + hint + ": " + client.getMessage();
        }
        return String.valueOf(cause);
    }

    private static String nameOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }

    /** One informer and what the source knows about it. */
    private final class KindWatch implements ResourceEventHandler<HasMetadata>, ExceptionHandler {
        private final ObjectKind kind;
        private final SharedIndexInformer<? extends HasMetadata> informer;
        private final AtomicLong lists = new AtomicLong();
        private final AtomicLong changes = new AtomicLong();
        private final AtomicLong deletionsSeenOnRelist = new AtomicLong();
        private volatile Instant notWatchingSince;

        KindWatch(ObjectKind kind, SharedIndexInformer<? extends HasMetadata> informer) {
            this.kind = kind;
            this.informer = informer;
            informer.addEventHandler(this);
            informer.exceptionHandler(this);
        }

        CompletableFuture<Void> start(Instant now) {
            notWatchingSince = now;
            informer.stopped().whenComplete((ignored, error) -> {
                if (error != null) {
                    fail(kind, "informer stopped: " + describe(error), unwrap(error));
                } else if (!closing) {
                    fail(kind, "informer stopped without being asked to", null);
                }
            });
            return informer.start().toCompletableFuture();
        }

        void stop() {
            informer.stop();
        }

        Optional<Duration> outage(Instant now) {
            if (informer.isWatching()) {
                notWatchingSince = null;
                return Optional.empty();
            }
            Instant since = notWatchingSince;
            if (since == null) {
                notWatchingSince = now;
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(Duration.between(since, now));
        }

        SourceHealth.InformerHealth health() {
            boolean watching = informer.isWatching();
            return new SourceHealth.InformerHealth(informer.hasSynced(), watching, lists.get(),
                    watching ? Optional.empty() : Optional.ofNullable(notWatchingSince),
                    changes.get(), deletionsSeenOnRelist.get());
        }

        @Override
        public void onBeforeList(String resourceVersion) {
            long count = lists.incrementAndGet();
            if (count > 1) {
                LOG.info("cluster {}: relisting {} (last resourceVersion {})", cluster, IdentityKeys.kindWord(kind),
                        resourceVersion);
            }
        }

        @Override
        public void onAdd(HasMetadata object) {
            emit(ChangeType.ADDED, object);
        }

        @Override
        public void onUpdate(HasMetadata before, HasMetadata after) {
            emit(ChangeType.MODIFIED, after);
        }

        @Override
        public void onDelete(HasMetadata object, boolean deletedFinalStateUnknown) {
            if (deletedFinalStateUnknown) {
                deletionsSeenOnRelist.incrementAndGet();
                LOG.info("cluster {}: {} {} vanished while the watch was down; delivered as deleted",
                        cluster, IdentityKeys.kindWord(kind), nameOf(object));
            }
            emit(ChangeType.DELETED, object);
        }

        private void emit(ChangeType type, HasMetadata object) {
            if (failure.get() != null || closing) {
                return;
            }
            try {
                IdentityChange change = translator.translate(cluster, type, object, clock.instant());
                synchronized (sinkLock) {
                    sink.accept(change);
                }
                changes.incrementAndGet();
            } catch (Exception e) {
                fail(kind, "cannot deliver " + type + " of " + nameOf(object) + ": " + e, e);
            }
        }

        @Override
        public boolean retryAfterException(boolean isStarted, Throwable error) {
            Throwable cause = unwrap(error);
            boolean permanent = !isStarted
                    || ExceptionHandler.isDeserializationException(cause)
                    || cause instanceof WatcherException
                    || cause instanceof KubernetesClientException client
                            && PERMANENT_HTTP_CODES.contains(client.getCode());
            if (permanent) {
                return false; // the informer stops; stopped() completes exceptionally and fails the source
            }
            LOG.warn("cluster {}: {} informer failed, retrying within the allowed outage of {}s: {}", cluster,
                    IdentityKeys.kindWord(kind), settings.maxOutage().toSeconds(), describe(cause));
            return true;
        }
    }
}
