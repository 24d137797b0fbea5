package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.ObjectKind;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the source does when the API server's answers go wrong. The mock server runs in CRUD mode; a few one-shot
 * expectations stand in front of it for the pods resource. The first pod list is answered from an older snapshot
 * (resourceVersion 1, holding a pod that has since been deleted), as an informer that listed a while ago would have
 * seen it; its watch from that resourceVersion then gets what a real API server sends when that version has been
 * compacted away: an ERROR event carrying a 410 Gone status.
 */
@EnableKubernetesMockClient(crud = true)
class WatchRecoveryIT {
    private static final String CLUSTER = "aks-neu-stage";
    private static final String FIRST_POD_LIST = "/api/v1/pods?resourceVersion=0";
    private static final String WATCH_FROM_SNAPSHOT =
            "/api/v1/pods?allowWatchBookmarks=true&resourceVersion=1&timeoutSeconds=600&watch=true";
    private static final String RELIST = "/api/v1/pods";
    private static final SourceSettings NO_RESYNC = SourceSettings.DEFAULTS.withResyncPeriod(Duration.ZERO);

    KubernetesMockServer server;
    KubernetesClient client;

    private final RecordingSink sink = new RecordingSink();
    private ClusterIdentitySource source;

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private static Pod pod(String namespace, String name, String uid, String ip) {
        return new PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withUid(uid).withResourceVersion("1")
                .endMetadata()
                .withNewSpec().withNodeName("aks-pool1-31415-vmss000000").endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).withStartTime("2026-03-02T09:00:00Z").endStatus()
                .build();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .build();
    }

    /** The first list shows a pod that the store no longer has; the watch from that list's version is Gone. */
    private void staleListThenGone() {
        server.expect().get().withPath(FIRST_POD_LIST)
                .andReturn(200, new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
                        .withItems(pod("shop", "cart-6b7c8d9e0f-old01", "11111111-2222-3333-4444-555555555555",
                                "10.244.0.33"))
                        .build())
                .once();
        server.expect().get().withPath(WATCH_FROM_SNAPSHOT)
                .andUpgradeToWebSocket().open()
                .waitFor(100).andEmit(new WatchEvent(status(410, "Expired",
                        "too old resource version: 1 (4711)"), "ERROR"))
                .done().once();
    }

    private ClusterIdentitySource source(SourceSettings settings) {
        source = ClusterIdentitySource.create(CLUSTER, client, sink, settings, Clock.systemUTC());
        return source;
    }

    @Test
    void relistsAfterGoneDeliversWhatChangedMeanwhileAndCarriesOn() throws Exception {
        client.pods().resource(new PodBuilder().withNewMetadata().withNamespace("shop")
                .withName("cart-6b7c8d9e0f-new02").endMetadata().build()).create();
        staleListThenGone();

        source(NO_RESYNC).start().get(20, TimeUnit.SECONDS);

        sink.await(ChangeType.ADDED, "cart-6b7c8d9e0f-old01");
        IdentityChange vanished = sink.await(ChangeType.DELETED, "cart-6b7c8d9e0f-old01");
        assertThat(vanished.getPod().getIps()).containsExactly("10.244.0.33");
        sink.await(ChangeType.ADDED, "cart-6b7c8d9e0f-new02");
        RecordingSink.awaitTrue("a working watch again", () -> source.health().state() == SourceHealth.State.UP);

        client.pods().resource(new PodBuilder().withNewMetadata().withNamespace("shop")
                .withName("cart-6b7c8d9e0f-new03").endMetadata().build()).create();
        sink.await(ChangeType.ADDED, "cart-6b7c8d9e0f-new03");

        SourceHealth.InformerHealth pods = source.health().informers().get(ObjectKind.POD);
        assertThat(pods.lists()).as("the initial list and one relist").isEqualTo(2);
        assertThat(pods.deletionsSeenOnRelist()).isEqualTo(1);
        assertThat(pods.watching()).isTrue();
        assertThat(source.health().informers().get(ObjectKind.NODE).lists()).isEqualTo(1);
        assertThat(source.terminated()).isNotDone();
    }

    @Test
    void failsLoudlyWhenAResourceCannotBeListedAtStart() {
        server.expect().get().withPath("/api/v1/nodes?resourceVersion=0")
                .andReturn(403, status(403, "Forbidden", "nodes is forbidden: User \"system:serviceaccount:outflow:"
                        + "outflow\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"))
                .once();

        CompletableFuture<Void> started = source(NO_RESYNC).start();

        assertThatThrownBy(() -> started.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IdentitySourceFailure.class);
        assertThatThrownBy(() -> source.terminated().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IdentitySourceFailure.class)
                .hasMessageContaining("node informer")
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("outflow-reader-clusterrole.yaml");
        IdentitySourceFailure failure = failureOf(source.terminated());
        assertThat(failure.cluster()).isEqualTo(CLUSTER);
        assertThat(failure.kind()).isEqualTo(ObjectKind.NODE);
        assertThat(source.health().state()).isEqualTo(SourceHealth.State.DOWN);
        assertThat(source.health().failure()).hasValueSatisfying(text -> assertThat(text).contains("forbidden"));
        RecordingSink.awaitTrue("the other informers stopped too", () -> source.health().informers().values()
                .stream().noneMatch(SourceHealth.InformerHealth::watching));
    }

    @Test
    void failsLoudlyWhenListingIsForbiddenAfterAGone() throws Exception {
        // left alone, the informer would retry this relist forever while its cache grew stale
        staleListThenGone();
        server.expect().get().withPath(RELIST)
                .andReturn(403, status(403, "Forbidden", "pods is forbidden: RBAC: clusterrole.rbac.authorization"
                        + ".k8s.io \"outflow-reader\" not found"))
                .always();

        source(NO_RESYNC).start().get(20, TimeUnit.SECONDS);

        assertThatThrownBy(() -> source.terminated().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IdentitySourceFailure.class)
                .hasMessageContaining("pod informer")
                .hasMessageContaining("HTTP 403");
        assertThat(source.health().isDown()).isTrue();
    }

    @Test
    void failsWhenNoWatchCanBeRestoredWithinTheAllowedOutage() throws Exception {
        staleListThenGone();
        server.expect().get().withPath(RELIST)
                .andReturn(503, status(503, "ServiceUnavailable", "etcdserver: leader changed"))
                .always();
        SourceSettings impatient = NO_RESYNC.withMaxOutage(Duration.ofSeconds(2), Duration.ofMillis(100));

        source(impatient).start().get(20, TimeUnit.SECONDS);
        sink.await(ChangeType.ADDED, "cart-6b7c8d9e0f-old01");
        RecordingSink.awaitTrue("degraded while the relist is retried",
                () -> source.health().state() != SourceHealth.State.UP);

        assertThatThrownBy(() -> source.terminated().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IdentitySourceFailure.class)
                .hasMessageContaining("pod informer")
                .hasMessageContaining("no working watch for");
        assertThat(failureOf(source.terminated()).kind()).isEqualTo(ObjectKind.POD);
        assertThat(source.health().state()).isEqualTo(SourceHealth.State.DOWN);
    }

    private static IdentitySourceFailure failureOf(CompletableFuture<Void> terminated) {
        try {
            terminated.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return (IdentitySourceFailure) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the source did not fail");
    }
}
