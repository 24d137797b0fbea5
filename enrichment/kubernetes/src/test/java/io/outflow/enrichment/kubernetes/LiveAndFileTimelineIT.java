package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.outflow.enrichment.history.HistoryCounts;
import io.outflow.enrichment.history.HistorySource;
import io.outflow.enrichment.history.IdentityChangeArchive;
import io.outflow.enrichment.history.IdentityHistory;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.net.IpAddress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live and the file sources build the same timeline from the same changes. While a scenario plays against the
 * mock API server, the source records its changes (and archives them as Avro), and plain watches write the same
 * events to files the way {@code kubectl get <kind> -A --watch --output-watch-events -o json} prints them, one file
 * per kind. The history reader of {@code enrichment/identity} then reads the files and the archive; every change and
 * every answer of the three timelines must agree.
 */
@EnableKubernetesMockClient(crud = true)
class LiveAndFileTimelineIT {
    private static final String CLUSTER = "aks-weu-prod";
    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private final List<Watch> watches = new ArrayList<>();
    private final List<BufferedWriter> files = new ArrayList<>();
    private final AtomicInteger fileEvents = new AtomicInteger();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
    private ClusterIdentitySource source;

    @AfterEach
    void stop() throws IOException {
        watches.forEach(Watch::close);
        for (BufferedWriter file : files) {
            file.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private String at(int minutes) {
        return base.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    /** Records one resource's watch events into a file, pretty-printed as kubectl does, or one per line. */
    private <T extends HasMetadata> void recordWatch(Watchable<T> resource, Path file, boolean pretty)
            throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        files.add(out);
        watches.add(resource.watch(new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T object) {
                String event = "{\"type\":\"" + action.name() + "\",\"object\":"
                        + client.getKubernetesSerialization().asJson(object) + "}";
                try {
                    synchronized (out) {
                        out.write(pretty ? JSON.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(JSON.readTree(event)) : event);
                        out.newLine();
                        out.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                fileEvents.incrementAndGet();
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        }));
    }

    @Test
    void theSameChangesAsWatchEventFilesGiveTheSameChangesAndTheSameAnswers() throws Exception {
        Path podsFile = dir.resolve("pods.json");
        Path replicaSetsFile = dir.resolve("replicasets.jsonl");
        Path jobsFile = dir.resolve("jobs.jsonl");
        Path nodesFile = dir.resolve("nodes.jsonl");
        Path archive = dir.resolve("identity.avro");
        recordWatch(client.pods().inAnyNamespace(), podsFile, true);
        recordWatch(client.apps().replicaSets().inAnyNamespace(), replicaSetsFile, false);
        recordWatch(client.batch().v1().jobs().inAnyNamespace(), jobsFile, false);
        recordWatch(client.nodes(), nodesFile, false);

        RecordingSink live = new RecordingSink();
        IdentityChangeArchive archiveWriter = IdentityChangeArchive.create(archive);
        source = ClusterIdentitySource.create(CLUSTER, client, live.andThen(archiveWriter::append),
                SourceSettings.DEFAULTS.withResyncPeriod(Duration.ZERO), Clock.systemUTC());
        source.start().get(20, TimeUnit.SECONDS);

        ClusterObjects cluster = new ClusterObjects(client);
        Node node = cluster.node("aks-pool1-31415-vmss000000", "10.224.0.4", "10.244.0.0/24");
        String nodeName = node.getMetadata().getName();
        ReplicaSet checkout = cluster.replicaSet(cluster.deployment("shop", "checkout"), "7f6b9d5c8");
        ReplicaSet search = cluster.replicaSet(cluster.deployment("shop", "search"), "64d8f7c9b");
        Job digest = cluster.job(cluster.cronJob("reports", "daily-digest"), "29410400");

        Pod first = cluster.pendingPod(checkout, "checkout-7f6b9d5c8-abcde", nodeName, Map.of("app", "checkout"));
        cluster.running(first, "10.224.0.4", at(0), "10.244.0.21", "fd00:10:244::21");
        Pod job = cluster.pendingPod(digest, "daily-digest-29410400-q7k2m", nodeName, Map.of("job-name", "x"));
        job = cluster.running(job, "10.224.0.4", at(0), "10.244.0.9");
        cluster.completed(job, "Succeeded", at(12));
        cluster.pendingPod(search, "search-64d8f7c9b-never", nodeName, Map.of("app", "search"));
        Pod after = cluster.pendingPod(search, "search-64d8f7c9b-takes9", nodeName, Map.of("app", "search"));
        cluster.running(after, "10.224.0.4", at(20), "10.244.0.9");
        cluster.delete(first);
        Pod second = cluster.pendingPod(search, "search-64d8f7c9b-xyz12", nodeName, Map.of("app", "search"));
        cluster.running(second, "10.224.0.4", at(40), "10.244.0.21", "fd00:10:244::21");

        live.awaitPodIp("search-64d8f7c9b-xyz12", "10.244.0.21");
        RecordingSink.awaitTrue("the files saw every change the source delivered",
                () -> fileEvents.get() >= live.changes().size());
        archiveWriter.close();
        stop();
        List<IdentityChange> liveChanges = live.changes();
        assertThat(fileEvents.get()).isEqualTo(liveChanges.size());

        List<IdentityChange> fromFiles = new ArrayList<>();
        HistoryCounts counts = new HistoryCounts();
        for (Path file : List.of(podsFile, replicaSetsFile, jobsFile, nodesFile)) {
            new io.outflow.enrichment.history.HistoryReader()
                    .read(new HistorySource(CLUSTER, file, true), fromFiles::add, counts);
        }
        assertThat(counts.broken()).isZero();
        for (ObjectKind kind : List.of(ObjectKind.POD, ObjectKind.REPLICA_SET, ObjectKind.JOB, ObjectKind.NODE)) {
            assertThat(ofKind(fromFiles, kind))
                    .as("%s changes read from the watch file", kind)
                    .isEqualTo(ofKind(withoutObservation(liveChanges), kind));
        }

        IdentityTimeline liveTimeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        liveChanges.forEach(liveTimeline::apply);
        IdentityTimeline fileTimeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        IdentityHistory.load(List.of(new HistorySource(CLUSTER, podsFile, true),
                new HistorySource(CLUSTER, replicaSetsFile, true), new HistorySource(CLUSTER, jobsFile, true),
                new HistorySource(CLUSTER, nodesFile, true)), fileTimeline, null);
        IdentityTimeline archiveTimeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        IdentityHistory.load(List.of(new HistorySource(CLUSTER, archive, false)), archiveTimeline, null);

        int known = 0;
        for (String ip : List.of("10.244.0.21", "fd00:10:244::21", "10.244.0.9", "10.224.0.4", "10.244.0.77")) {
            for (int minute = -10; minute <= 70; minute++) {
                long t = base.plus(minute, ChronoUnit.MINUTES).toEpochMilli();
                WorkloadIdentity fromLive = liveTimeline.lookup(CLUSTER, IpAddress.require(ip), t).toIdentity();
                assertThat(fileTimeline.lookup(CLUSTER, IpAddress.require(ip), t).toIdentity())
                        .as("%s at minute %d, files against live", ip, minute).isEqualTo(fromLive);
                assertThat(archiveTimeline.lookup(CLUSTER, IpAddress.require(ip), t).toIdentity())
                        .as("%s at minute %d, archive against live", ip, minute).isEqualTo(fromLive);
                if (fromLive.getPod() != null) {
                    known++;
                }
            }
        }
        assertThat(known).as("pod answers among those compared").isGreaterThan(100);
        assertThat(liveTimeline.lookup(CLUSTER, IpAddress.require("fd00:10:244::21"),
                base.plus(10, ChronoUnit.MINUTES).toEpochMilli()).workload()).isEqualTo("checkout");
        assertThat(liveTimeline.lookup(CLUSTER, IpAddress.require("10.244.0.9"),
                base.plus(15, ChronoUnit.MINUTES).toEpochMilli()).isKnown()).isFalse();
    }

    private static List<IdentityChange> ofKind(List<IdentityChange> changes, ObjectKind kind) {
        return changes.stream().filter(c -> c.getObjectKind() == kind).toList();
    }

    private static List<IdentityChange> withoutObservation(List<IdentityChange> changes) {
        return changes.stream()
                .map(c -> IdentityChange.newBuilder(c).setObservedAt(null).build())
                .toList();
    }
}
