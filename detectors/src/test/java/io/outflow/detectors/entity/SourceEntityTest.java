package io.outflow.detectors.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import org.junit.jupiter.api.Test;

class SourceEntityTest {

    @Test
    void replicasOfAWorkloadShareOneEntity() {
        SourceEntity one = SourceEntity.of(Flows.pod("shop", "Deployment", "web", "web-7d9f-a", "10.244.1.5").build());
        SourceEntity two = SourceEntity.of(Flows.pod("shop", "Deployment", "web", "web-7d9f-b", "10.244.2.9").build());
        assertThat(one).isEqualTo(two);
        assertThat(one.id()).isEqualTo("shop/Deployment/web");
        assertThat(one.key()).isEqualTo("aks-prod|shop/Deployment/web");
        assertThat(one.attribution()).isEqualTo(Attribution.pod);
    }

    @Test
    void nodeAttributedTrafficIsPerNodeAndUnattributedPerAddress() {
        assertThat(SourceEntity.of(Flows.node("aks-nodepool1-3", "10.224.0.7").build()).id())
                .isEqualTo("node/aks-nodepool1-3");
        SourceEntity unknown = SourceEntity.of(Flows.unknown("10.224.9.9", "expired").build());
        assertThat(unknown.id()).isEqualTo("ip/10.224.9.9");
        assertThat(unknown.attribution()).isEqualTo(Attribution.unknown);
    }

    @Test
    void aBarePodIsItsOwnWorkload() {
        EnrichedFlow flow = Flows.pod("dev", null, null, "debug-shell", "10.244.3.3").build();
        assertThat(SourceEntity.of(flow).id()).isEqualTo("dev/Pod/debug-shell");
    }

    @Test
    void perDestinationEntitiesUseTheRegisteredDomainElseTheAddress() {
        EnrichedFlow named = Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").to("203.0.113.9", 443)
                .fqdn("eu.pool.example.org").registeredDomain("example.org").build();
        EnrichedFlow bare = Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").to("203.0.113.9", 3333)
                .build();
        SourceEntity entity = SourceEntity.of(named);
        assertThat(entity.withDestination(SourceEntity.destinationOf(named)))
                .isEqualTo("shop/Deployment/web->example.org");
        assertThat(entity.key(SourceEntity.destinationOf(bare))).isEqualTo("aks-prod|shop/Deployment/web->203.0.113.9");
    }
}
