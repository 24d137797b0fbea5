package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several clusters into one sink; one cluster's failure ends the group. Both "clusters" are the same mock server
 * (CRUD mode), started here rather than by {@code @EnableKubernetesMockClient}: closing a group stops informers whose
 * watch may still be upgrading, which can leave one socket open, and the mock server's shutdown then gives up after
 * 10 s with "Unable to close MockWebServer" (seen in two of five full builds). That is the fake API server's teardown,
 * not what these tests check, so it is tolerated; anything else it throws is not.
 */
class IdentitySourceGroupIT {
    private static final SourceSettings NO_RESYNC = SourceSettings.DEFAULTS.withResyncPeriod(Duration.ZERO);

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), true);
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stopApiServer() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            if (!"Unable to close MockWebServer".equals(e.getMessage())) {
                throw e;
            }
        }
    }

    @Test
    void eachClustersChangesCarryItsNameAndReachTheSinkOneAtATime() throws Exception {
        new ClusterObjects(client).node("aks-pool1-31415-vmss000000", "10.224.0.4", "10.244.0.0/24");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        RecordingSink recorded = new RecordingSink();
        IdentityChangeSink slow = change -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(5);
            recorded.accept(change);
            inside.decrementAndGet();
        };
        try (IdentitySourceGroup group = IdentitySourceGroup.connect(List.of(
                new ClusterConnection("aks-weu-prod", client.getConfiguration()),
                new ClusterConnection("aks-neu-prod", client.getConfiguration())), slow, NO_RESYNC,
                Clock.systemUTC())) {
            group.start().get(20, TimeUnit.SECONDS);
            IdentityChange west = recorded.awaitChange("of the node in aks-weu-prod",
                    c -> c.getCluster().equals("aks-weu-prod") && c.getChangeType() == ChangeType.ADDED);
            IdentityChange north = recorded.awaitChange("of the node in aks-neu-prod",
                    c -> c.getCluster().equals("aks-neu-prod") && c.getChangeType() == ChangeType.ADDED);
            assertThat(IdentityKeys.keyOf(west)).isEqualTo("aks-weu-prod/node/aks-pool1-31415-vmss000000");
            assertThat(IdentityKeys.keyOf(north)).isEqualTo("aks-neu-prod/node/aks-pool1-31415-vmss000000");
            assertThat(group.health()).extracting(SourceHealth::cluster)
                    .containsExactly("aks-weu-prod", "aks-neu-prod");
            RecordingSink.awaitTrue("both clusters up", () -> group.health().stream()
                    .allMatch(h -> h.state() == SourceHealth.State.UP));
            assertThat(group.isDown()).isFalse();
        }
        assertThat(overlaps.get()).as("calls that overlapped another").isZero();
    }

    @Test
    void oneFailingClusterFailsTheGroupAndClosesTheOthers() throws Exception {
        new ClusterObjects(client).node("aks-pool1-31415-vmss000001", "10.224.0.5", "10.244.1.0/24");
        ClusterIdentitySource healthy = ClusterIdentitySource.create("aks-weu-prod", client, new RecordingSink(),
                NO_RESYNC, Clock.systemUTC());
        ClusterIdentitySource broken = ClusterIdentitySource.create("aks-neu-prod", client, change -> {
            throw new IllegalStateException("archive volume full");
        }, NO_RESYNC, Clock.systemUTC());
        IdentitySourceGroup group = IdentitySourceGroup.of(List.of(healthy, broken));
        group.start();

        assertThatThrownBy(() -> group.terminated().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IdentitySourceFailure.class)
                .hasMessageContaining("aks-neu-prod")
                .hasMessageContaining("archive volume full");
        RecordingSink.awaitTrue("the healthy cluster closed", () -> healthy.terminated().isDone());
        assertThat(healthy.terminated()).isCompleted();
        assertThat(healthy.health().state()).isEqualTo(SourceHealth.State.CLOSED);
        assertThat(group.isDown()).isTrue();
    }

    @Test
    void aClusterNamedTwiceIsRefused() {
        ClusterIdentitySource one = ClusterIdentitySource.create("aks", client, change -> { }, NO_RESYNC,
                Clock.systemUTC());
        ClusterIdentitySource two = ClusterIdentitySource.create("aks", client, change -> { }, NO_RESYNC,
                Clock.systemUTC());
        assertThatThrownBy(() -> IdentitySourceGroup.of(List.of(one, two)))
                .hasMessageContaining("cluster aks is given twice");
    }
}
