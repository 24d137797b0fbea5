package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.enrichment.timeline.UnknownReason;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import io.outflow.schemas.net.IpAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source against fabric8's mock API server in CRUD mode (a fresh server per test): objects are created, changed
 * and deleted through the client as controllers and kubelets would, and what the source delivers is checked field by
 * field and through the identity timeline of {@code enrichment/identity}.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterIdentitySourceIT {
    private static final String CLUSTER = "aks-weu-prod";
    private static final SourceSettings NO_RESYNC = SourceSettings.DEFAULTS.withResyncPeriod(Duration.ZERO);

    KubernetesMockServer server;
    KubernetesClient client;

    private final RecordingSink sink = new RecordingSink();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
    private ClusterObjects cluster;
    private ClusterIdentitySource source;

    @BeforeEach
    void objects() {
        cluster = new ClusterObjects(client);
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private String at(int minutes) {
        return base.plus(minutes, ChronoUnit.MINUTES).toString();
    }

    private long millisAt(int minutes) {
        return base.plus(minutes, ChronoUnit.MINUTES).toEpochMilli();
    }

    private ClusterIdentitySource startedSource(SourceSettings settings) throws Exception {
        source = ClusterIdentitySource.create(CLUSTER, client, sink, settings, Clock.systemUTC());
        source.start().get(20, TimeUnit.SECONDS);
        return source;
    }

    private IdentityTimeline timelineOf(List<IdentityChange> changes) {
        IdentityTimeline timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        changes.forEach(timeline::apply);
        return timeline;
    }

    private static IdentityAnswer whoHad(IdentityTimeline timeline, String ip, long at) {
        return timeline.lookup(CLUSTER, IpAddress.require(ip), at);
    }

    @Test
    void deliversPodsWithTheirOwnerChainsAndTheNodesTheyRunOn() throws Exception {
        Node node = cluster.node("aks-pool1-31415-vmss000002", "10.224.0.6", "10.244.2.0/24");
        Deployment deployment = cluster.deployment("billing", "invoice-render");
        ReplicaSet replicaSet = cluster.replicaSet(deployment, "5c8d7f9b4");
        CronJob cronJob = cluster.cronJob("billing", "ledger-export");
        Job job = cluster.job(cronJob, "29410335");
        Pod web = cluster.pendingPod(replicaSet, "invoice-render-5c8d7f9b4-qx2lp", node.getMetadata().getName(),
                Map.of("app", "invoice-render", "pod-template-hash", "5c8d7f9b4"));
        Pod export = cluster.pendingPod(job, "ledger-export-29410335-kd8wz", node.getMetadata().getName(),
                Map.of("job-name", "ledger-export-29410335"));

        startedSource(NO_RESYNC);
        cluster.running(web, "10.224.0.6", at(0), "10.244.2.17");
        cluster.running(export, "10.224.0.6", at(5), "10.244.2.30");

        IdentityChange nodeChange = sink.await(ChangeType.ADDED, "aks-pool1-31415-vmss000002");
        assertThat(nodeChange.getObjectKind()).isEqualTo(ObjectKind.NODE);
        assertThat(nodeChange.getNode().getAddresses()).containsExactly("10.224.0.6");
        assertThat(nodeChange.getNode().getPodCidrs()).containsExactly("10.244.2.0/24");

        IdentityChange rsChange = sink.await(ChangeType.ADDED, "invoice-render-5c8d7f9b4");
        assertThat(rsChange.getObjectKind()).isEqualTo(ObjectKind.REPLICA_SET);
        assertThat(rsChange.getOwner().getKind()).isEqualTo("Deployment");
        assertThat(rsChange.getOwner().getName()).isEqualTo("invoice-render");
        assertThat(rsChange.getOwner().getUid()).isEqualTo(deployment.getMetadata().getUid());

        IdentityChange jobChange = sink.await(ChangeType.ADDED, "ledger-export-29410335");
        assertThat(jobChange.getObjectKind()).isEqualTo(ObjectKind.JOB);
        assertThat(jobChange.getOwner().getKind()).isEqualTo("CronJob");
        assertThat(jobChange.getOwner().getUid()).isEqualTo(cronJob.getMetadata().getUid());

        IdentityChange pending = sink.await(ChangeType.ADDED, "invoice-render-5c8d7f9b4-qx2lp");
        assertThat(pending.getPod().getIps()).isEmpty();
        assertThat(pending.getPod().getPhase()).isEqualTo("Pending");

        IdentityChange running = sink.awaitPodIp("invoice-render-5c8d7f9b4-qx2lp", "10.244.2.17");
        assertThat(running.getChangeType()).isEqualTo(ChangeType.MODIFIED);
        assertThat(running.getCluster()).isEqualTo(CLUSTER);
        assertThat(running.getNamespace()).isEqualTo("billing");
        assertThat(running.getUid()).isEqualTo(web.getMetadata().getUid());
        assertThat(running.getOwner().getKind()).isEqualTo("ReplicaSet");
        assertThat(running.getOwner().getUid()).isEqualTo(replicaSet.getMetadata().getUid());
        assertThat(running.getLabels()).containsEntry("pod-template-hash", "5c8d7f9b4");
        assertThat(running.getPod().getPhase()).isEqualTo("Running");
        assertThat(running.getPod().getHostIp()).isEqualTo("10.224.0.6");
        assertThat(running.getPod().getNodeName()).isEqualTo("aks-pool1-31415-vmss000002");
        assertThat(running.getPod().getServiceAccount()).isEqualTo("invoice-render-5c8d7f9b4");
        assertThat(running.getPod().getStartTime()).isEqualTo(Instant.parse(at(0)));
        assertThat(running.getObservedAt()).isNotNull();
        sink.awaitPodIp("ledger-export-29410335-kd8wz", "10.244.2.30");

        cluster.delete(web);
        IdentityChange deleted = sink.await(ChangeType.DELETED, "invoice-render-5c8d7f9b4-qx2lp");
        assertThat(deleted.getUid()).isEqualTo(web.getMetadata().getUid());

        IdentityTimeline timeline = timelineOf(sink.changes());
        IdentityAnswer webAnswer = whoHad(timeline, "10.244.2.17", millisAt(2));
        assertThat(webAnswer.attribution()).isEqualTo(Attribution.pod);
        assertThat(webAnswer.namespace()).isEqualTo("billing");
        assertThat(webAnswer.pod()).isEqualTo("invoice-render-5c8d7f9b4-qx2lp");
        assertThat(webAnswer.workloadKind()).isEqualTo("Deployment");
        assertThat(webAnswer.workload()).isEqualTo("invoice-render");
        assertThat(webAnswer.node()).isEqualTo("aks-pool1-31415-vmss000002");
        IdentityAnswer exportAnswer = whoHad(timeline, "10.244.2.30", millisAt(7));
        assertThat(exportAnswer.workloadKind()).isEqualTo("CronJob");
        assertThat(exportAnswer.workload()).isEqualTo("ledger-export");
        IdentityAnswer nodeAnswer = whoHad(timeline, "10.224.0.6", millisAt(7));
        assertThat(nodeAnswer.attribution()).isEqualTo(Attribution.node);
        assertThat(nodeAnswer.node()).isEqualTo("aks-pool1-31415-vmss000002");

        SourceHealth health = source.health();
        assertThat(health.state()).isEqualTo(SourceHealth.State.UP);
        assertThat(health.informers().get(ObjectKind.POD).lists()).isEqualTo(1);
        assertThat(source.terminated()).isNotDone();
    }

    @Test
    void aReusedAddressIsAttributedToItsOwnerAtEachMoment() throws Exception {
        Node node = cluster.node("aks-pool1-31415-vmss000000", "10.224.0.4", "10.244.0.0/24");
        ReplicaSet checkout = cluster.replicaSet(cluster.deployment("shop", "checkout"), "7f6b9d5c8");
        ReplicaSet search = cluster.replicaSet(cluster.deployment("shop", "search"), "64d8f7c9b");
        startedSource(NO_RESYNC);

        Pod first = cluster.pendingPod(checkout, "checkout-7f6b9d5c8-abcde", node.getMetadata().getName(),
                Map.of("app", "checkout"));
        cluster.running(first, "10.224.0.4", at(0), "10.244.0.21");
        sink.awaitPodIp("checkout-7f6b9d5c8-abcde", "10.244.0.21");
        IdentityTimeline before = timelineOf(sink.changes());
        assertThat(whoHad(before, "10.244.0.21", millisAt(30)).workload()).isEqualTo("checkout");

        cluster.delete(first);
        sink.await(ChangeType.DELETED, "checkout-7f6b9d5c8-abcde");
        Pod second = cluster.pendingPod(search, "search-64d8f7c9b-xyz12", node.getMetadata().getName(),
                Map.of("app", "search"));
        cluster.running(second, "10.224.0.4", at(40), "10.244.0.21");
        sink.awaitPodIp("search-64d8f7c9b-xyz12", "10.244.0.21");

        IdentityTimeline after = timelineOf(sink.changes());
        IdentityAnswer early = whoHad(after, "10.244.0.21", millisAt(30));
        IdentityAnswer late = whoHad(after, "10.244.0.21", millisAt(50));
        assertThat(early.pod()).isEqualTo("checkout-7f6b9d5c8-abcde");
        assertThat(early.workload()).isEqualTo("checkout");
        assertThat(early.to()).isBeforeOrEqualTo(Instant.parse(at(40)));
        assertThat(late.pod()).isEqualTo("search-64d8f7c9b-xyz12");
        assertThat(late.workload()).isEqualTo("search");
        assertThat(whoHad(after, "10.244.0.21", millisAt(-10)).attribution()).isEqualTo(Attribution.unknown);
    }

    @Test
    void aCompletedJobPodStopsOwningItsAddressWhenItFinishesThoughItStillShowsIt() throws Exception {
        Node node = cluster.node("aks-batch-27182-vmss000001", "10.224.1.5", "10.244.5.0/24");
        Job job = cluster.job(cluster.cronJob("reports", "daily-digest"), "29410400");
        ReplicaSet api = cluster.replicaSet(cluster.deployment("reports", "report-api"), "8c7d6e5f4");
        startedSource(NO_RESYNC);

        Pod jobPod = cluster.pendingPod(job, "daily-digest-29410400-q7k2m", node.getMetadata().getName(),
                Map.of("job-name", "daily-digest-29410400"));
        jobPod = cluster.running(jobPod, "10.224.1.5", at(0), "10.244.5.9");
        cluster.completed(jobPod, "Succeeded", at(12));
        IdentityChange done = sink.awaitChange("daily-digest pod Succeeded", c -> c.getPod() != null
                && "Succeeded".equals(c.getPod().getPhase()));
        assertThat(done.getPod().getIps()).containsExactly("10.244.5.9");
        assertThat(done.getPod().getFinishedAt()).isEqualTo(Instant.parse(at(12)));

        Pod taker = cluster.pendingPod(api, "report-api-8c7d6e5f4-zz9pl", node.getMetadata().getName(),
                Map.of("app", "report-api"));
        cluster.running(taker, "10.224.1.5", at(20), "10.244.5.9");
        sink.awaitPodIp("report-api-8c7d6e5f4-zz9pl", "10.244.5.9");

        IdentityTimeline timeline = timelineOf(sink.changes());
        IdentityAnswer whileRunning = whoHad(timeline, "10.244.5.9", millisAt(6));
        assertThat(whileRunning.pod()).isEqualTo("daily-digest-29410400-q7k2m");
        assertThat(whileRunning.workloadKind()).isEqualTo("CronJob");
        assertThat(whileRunning.workload()).isEqualTo("daily-digest");
        assertThat(whileRunning.to()).isEqualTo(Instant.parse(at(12)));
        IdentityAnswer between = whoHad(timeline, "10.244.5.9", millisAt(15));
        assertThat(between.attribution()).isEqualTo(Attribution.unknown);
        assertThat(between.reason()).isEqualTo(UnknownReason.NO_OWNER_AT_TIME);
        IdentityAnswer afterwards = whoHad(timeline, "10.244.5.9", millisAt(25));
        assertThat(afterwards.workload()).isEqualTo("report-api");
        assertThat(afterwards.workloadKind()).isEqualTo("Deployment");
    }

    @Test
    void closingStopsTheInformersWithoutReportingAFailure() throws Exception {
        startedSource(NO_RESYNC);
        source.close();
        assertThat(source.terminated()).isCompleted();
        assertThat(source.health().state()).isEqualTo(SourceHealth.State.CLOSED);
        assertThat(source.health().failure()).isEmpty();
    }

    @Test
    void resyncRestatesEveryObjectWithoutChangingAnyAnswer() throws Exception {
        Node node = cluster.node("aks-pool1-31415-vmss000003", "10.224.0.7", "10.244.3.0/24");
        ReplicaSet replicaSet = cluster.replicaSet(cluster.deployment("shop", "cart"), "6b7c8d9e0f");
        Pod pod = cluster.pendingPod(replicaSet, "cart-6b7c8d9e0f-r2d2c", node.getMetadata().getName(),
                Map.of("app", "cart"));
        cluster.running(pod, "10.224.0.7", at(0), "10.244.3.12");
        startedSource(new SourceSettings(Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofSeconds(5)));

        IdentityChange listed = sink.awaitPodIp("cart-6b7c8d9e0f-r2d2c", "10.244.3.12");
        IdentityChange restated = sink.awaitChange("restating the pod", c -> c != listed
                && c.getName().equals("cart-6b7c8d9e0f-r2d2c"));
        assertThat(restated.getChangeType()).isEqualTo(ChangeType.MODIFIED);
        assertThat(restated.getResourceVersion()).isEqualTo(listed.getResourceVersion());
        assertThat(IdentityChange.newBuilder(restated).setChangeType(ChangeType.ADDED)
                .setObservedAt(listed.getObservedAt()).build()).isEqualTo(listed);
        sink.await(ChangeType.MODIFIED, node.getMetadata().getName());

        List<IdentityChange> withRestatements = sink.changes();
        List<IdentityChange> firstStatements = withRestatements.stream()
                .filter(c -> c.getChangeType() == ChangeType.ADDED).toList();
        assertThat(withRestatements).hasSizeGreaterThan(firstStatements.size());
        IdentityTimeline restated1 = timelineOf(withRestatements);
        IdentityTimeline plain = timelineOf(firstStatements);
        for (String ip : List.of("10.244.3.12", "10.224.0.7")) {
            for (int minute = -5; minute <= 200; minute += 5) {
                assertThat(whoHad(restated1, ip, millisAt(minute)).toIdentity())
                        .as("%s at minute %d", ip, minute)
                        .isEqualTo(whoHad(plain, ip, millisAt(minute)).toIdentity());
            }
        }
    }

    @Test
    void aSinkThatCannotStoreAChangeFailsTheSource() throws Exception {
        cluster.node("aks-pool1-31415-vmss000004", "10.224.0.8", "10.244.4.0/24");
        source = ClusterIdentitySource.create(CLUSTER, client, change -> {
            throw new java.io.IOException("broker unreachable");
        }, NO_RESYNC, Clock.systemUTC());
        source.start();
        assertThatThrownBy(() -> source.terminated().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IdentitySourceFailure.class)
                .hasMessageContaining("cannot deliver ADDED of aks-pool1-31415-vmss000004")
                .hasMessageContaining("broker unreachable");
        assertThat(source.health().state()).isEqualTo(SourceHealth.State.DOWN);
    }
}
