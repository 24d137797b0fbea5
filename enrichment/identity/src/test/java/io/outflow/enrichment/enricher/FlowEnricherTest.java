package io.outflow.enrichment.enricher;

import static io.outflow.enrichment.testing.Changes.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblems;
import io.outflow.enrichment.clusters.ClusterNetworks;
import io.outflow.enrichment.clusters.ClustersSettings;
import io.outflow.enrichment.testing.Changes;
import io.outflow.enrichment.testing.Uids;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowEnricherTest {
    private static final String SUB = "/subscriptions/6c1e2f3a-0000-4000-8000-0000000051a0/resourceGroups/";
    private static final String FW_SHOP = SUB + "rg-shop/providers/Microsoft.Network/azureFirewalls/fw-shop";
    private static final String FW_DATA = SUB + "rg-data/providers/Microsoft.Network/azureFirewalls/fw-data";
    private static final String FW_HUB = SUB + "rg-hub/providers/Microsoft.Network/azureFirewalls/fw-hub";
    private static final String VNET_EDGE = SUB + "rg-edge/providers/Microsoft.Network/virtualNetworks/vnet-edge";
    /**
     * Three clusters: aks-shop and aks-data are flat (Azure CNI) with the same pod range in separate VNets, each
     * behind its own firewall and both behind the hub firewall; aks-edge is an overlay cluster.
     */
    private static final String CONFIG = """
            clusters:
              aks-shop:
                networkPlugin: azure-cni
                podCidrs: [10.240.0.0/16]
                nodeCidrs: [10.224.0.0/16]
                firewallResourceIds: [%s, %s]
              aks-data:
                networkPlugin: azure-cni
                podCidrs: [10.240.0.0/16]
                nodeCidrs: [10.225.0.0/16]
                firewallResourceIds: [%s, %s]
              aks-edge:
                networkPlugin: azure-cni-overlay
                podCidrs: [10.244.0.0/16]
                nodeCidrs: [10.226.0.0/16]
                vnetResourceIds: [%s]
            """.formatted(FW_SHOP, FW_HUB, FW_DATA, FW_HUB, VNET_EDGE);

    private IdentityTimeline timeline;
    private FlowEnricher enricher;

    @BeforeEach
    void setUp() {
        ConfigProblems problems = new ConfigProblems();
        ClustersSettings clusters = ClustersSettings.read(ConfigDocument.parse(CONFIG, "outflow.yaml"), problems);
        problems.throwIfAny();
        timeline = new IdentityTimeline(IdentitySettings.DEFAULT);
        startPod("aks-shop", "shop", "invoice-render-5c8d7f9b6-qx2lp", "invoice-render-5c8d7f9b6", "10.240.3.17",
                "aks-pool1-31415926-vmss000002", "10.224.0.6");
        startPod("aks-shop", "shop", "payments-api-7d9f8b6c4-hq2ws", "payments-api-7d9f8b6c4", "10.240.1.21",
                "aks-pool1-31415926-vmss000001", "10.224.0.5");
        startPod("aks-data", "ml", "feature-store-6b7c8d9e0-zt9vx", "feature-store-6b7c8d9e0", "10.240.3.17",
                "aks-data-11223344-vmss000000", "10.225.0.4");
        startPod("aks-edge", "edge", "ingest-5f6a7b8c9-mn7qe", "ingest-5f6a7b8c9", "10.244.1.9",
                "aks-edge-55667788-vmss000003", "10.226.0.7");
        timeline.apply(Changes.node("aks-edge", "aks-edge-55667788-vmss000003", "2026-01-10T00:00:00Z",
                List.of("10.226.0.7"), List.of("10.244.1.0/24"), ChangeType.ADDED));
        enricher = new FlowEnricher(new IdentityResolver(timeline, new ClusterNetworks(clusters)));
    }

    private void startPod(String cluster, String ns, String name, String rs, String ip, String node, String hostIp) {
        timeline.apply(pod(cluster, ns, name, Uids.of(cluster + name)).owner("ReplicaSet", rs)
                .label("pod-template-hash", rs.substring(rs.lastIndexOf('-') + 1)).created("2026-01-15T00:00:00Z")
                .started("2026-01-15T00:00:02Z").ips(ip).onNode(node, hostIp).build(ChangeType.ADDED));
    }

    private static FlowEvent.Builder firewall(String resourceId, String source, String time) {
        return FlowEvent.newBuilder().setEventId("e1").setTime(Instant.parse(time)).setCategory("AZFWNetworkRule")
                .setKind(FlowKind.connection).setSourceIp(source).setSourcePort(40001).setDestinationIp("203.0.113.9")
                .setDestinationPort(443).setProtocol("TCP").setResourceId(resourceId);
    }

    @Test
    void firewallSeesPodAddressesOfAFlatCluster() {
        EnrichedFlow out = enricher.enrich(firewall(FW_SHOP, "10.240.3.17", "2026-01-15T10:00:00Z").build());

        WorkloadIdentity source = out.getSource();
        assertThat(source.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(source.getCluster()).isEqualTo("aks-shop");
        assertThat(source.getNamespace()).isEqualTo("shop");
        assertThat(source.getWorkload()).isEqualTo("invoice-render");
        assertThat(source.getPod()).isEqualTo("invoice-render-5c8d7f9b6-qx2lp");
        assertThat(source.getNode()).isEqualTo("aks-pool1-31415926-vmss000002");
        assertThat(out.getDestination()).isNull();
        assertThat(out.getRegisteredDomain()).isNull();
        assertThat(out.getFlow().getSourceIp()).isEqualTo("10.240.3.17");
    }

    @Test
    void overlappingPodRangesAreToldApartByTheFirewallThatSawTheEvent() {
        assertThat(enricher.enrich(firewall(FW_DATA, "10.240.3.17", "2026-01-15T10:00:00Z").build()).getSource()
                .getPod()).isEqualTo("feature-store-6b7c8d9e0-zt9vx");
        assertThat(enricher.enrich(firewall(FW_SHOP, "10.240.3.17", "2026-01-15T10:00:00Z").build()).getSource()
                .getPod()).isEqualTo("invoice-render-5c8d7f9b6-qx2lp");
    }

    @Test
    void overlappingRangesBehindOneFirewallAreAmbiguousAndNameTheCandidates() {
        WorkloadIdentity source = enricher.enrich(firewall(FW_HUB, "10.240.3.17", "2026-01-15T10:00:00Z").build())
                .getSource();
        assertThat(source.getAttribution()).isEqualTo(Attribution.unknown);
        assertThat(source.getAttributionReason()).isEqualTo("ambiguous");
        assertThat(source.getCluster()).isNull();
        assertThat(source.getCandidates()).containsExactly("aks-shop/shop/invoice-render-5c8d7f9b6-qx2lp",
                "aks-data/ml/feature-store-6b7c8d9e0-zt9vx");

        // the same event without any resource: the ranges alone cannot decide either
        WorkloadIdentity bare = enricher.enrich(firewall(null, "10.240.1.21", "2026-01-15T10:00:00Z").build())
                .getSource();
        assertThat(bare.getAttributionReason()).isEqualTo("ambiguous");
        assertThat(bare.getCandidates()).containsExactly("aks-shop/shop/payments-api-7d9f8b6c4-hq2ws", "aks-data");
    }

    @Test
    void hubFirewallNarrowsToTheClusterWhoseNodeRangeHoldsTheAddress() {
        WorkloadIdentity source = enricher.enrich(firewall(FW_HUB, "10.225.0.4", "2026-01-15T10:00:00Z").build())
                .getSource();
        assertThat(source.getAttribution()).isEqualTo(Attribution.node);
        assertThat(source.getCluster()).isEqualTo("aks-data");
        assertThat(source.getNode()).isEqualTo("aks-data-11223344-vmss000000");
    }

    @Test
    void overlayEgressIsAttributedToTheNodeNeverToAPod() {
        FlowEvent flowLog = FlowEvent.newBuilder().setEventId("e2").setTime(Instant.parse("2026-01-15T10:00:00Z"))
                .setCategory("FlowLogFlowEvent").setKind(FlowKind.flow_summary).setSourceIp("10.226.0.7")
                .setDestinationIp("203.0.113.9").setResourceId(VNET_EDGE + "/subnets/snet-nodes").build();
        WorkloadIdentity node = enricher.enrich(flowLog).getSource();
        assertThat(node.getAttribution()).isEqualTo(Attribution.node);
        assertThat(node.getNode()).isEqualTo("aks-edge-55667788-vmss000003");
        assertThat(node.getCluster()).isEqualTo("aks-edge");
        assertThat(node.getPod()).isNull();

        // a pod address of the overlay seen on the egress path is no pod's: SNAT hides pods from the VNet
        flowLog.setSourceIp("10.244.1.9");
        WorkloadIdentity notAPod = enricher.enrich(flowLog).getSource();
        assertThat(notAPod.getAttribution()).isEqualTo(Attribution.unknown);
        assertThat(notAPod.getAttributionReason()).isEqualTo("no-owner-at-time");
    }

    @Test
    void hubbleSeesPodsOfOverlayClustersAndItsOwnIdentityIsKept() {
        FlowEvent hubble = FlowEvent.newBuilder().setEventId("e3").setTime(Instant.parse("2026-01-15T10:00:00Z"))
                .setCategory(FlowEnricher.HUBBLE_CATEGORY).setKind(FlowKind.connection).setCluster("aks-edge")
                .setSourceIp("10.244.1.9").setDestinationIp("10.244.1.77").build();
        WorkloadIdentity looked = enricher.enrich(hubble).getSource();
        assertThat(looked.getAttribution()).isEqualTo(Attribution.pod);
        assertThat(looked.getWorkload()).isEqualTo("ingest");

        WorkloadIdentity carried = WorkloadIdentity.newBuilder().setAttribution(Attribution.pod)
                .setNamespace("edge").setPod("ingest-5f6a7b8c9-mn7qe").setWorkload("ingest")
                .setWorkloadKind("Deployment").build();
        hubble.setSource(carried);
        EnrichedFlow out = enricher.enrich(hubble);
        assertThat(out.getSource()).isSameAs(carried);
        assertThat(out.getSource().getCluster()).isEqualTo("aks-edge");
    }

    @Test
    void inClusterDestinationsGetTheirIdentityAndTheInternetNone() {
        FlowEvent east = firewall(FW_SHOP, "10.240.3.17", "2026-01-15T10:00:00Z").setDestinationIp("10.240.1.21")
                .build();
        EnrichedFlow out = enricher.enrich(east);
        assertThat(out.getDestination().getPod()).isEqualTo("payments-api-7d9f8b6c4-hq2ws");
        assertThat(out.getDestination().getCluster()).isEqualTo("aks-shop");
        // an address of the cluster's range that nobody held: no identity rather than an unknown one
        east.setDestinationIp("10.240.9.9");
        assertThat(enricher.enrich(east).getDestination()).isNull();
    }

    @Test
    void dnsProxyRecordsAreClusterLevelNeverAWorkloadsEgress() {
        FlowEvent dns = FlowEvent.newBuilder().setEventId("e4").setTime(Instant.parse("2026-01-15T10:00:00Z"))
                .setCategory("AZFWDnsQuery").setKind(FlowKind.dns_query).setSourceIp("10.240.1.21")
                .setDestinationFqdn("pool.example").setResourceId(FW_SHOP).build();
        EnrichedFlow out = enricher.enrich(dns);
        assertThat(out.getSource().getAttribution()).isEqualTo(Attribution.unknown);
        assertThat(out.getSource().getAttributionReason()).isEqualTo("cluster-level");
        assertThat(out.getSource().getCluster()).isEqualTo("aks-shop");
        assertThat(out.getSource().getPod()).isNull();
        assertThat(out.getDestination()).isNull();
    }

    @Test
    void addressesOutsideEveryClusterAndEventsWithoutASourceAreOutsideKnownRanges() {
        assertThat(enricher.enrich(firewall(null, "198.51.100.20", "2026-01-15T10:00:00Z").build()).getSource()
                .getAttributionReason()).isEqualTo("outside-known-ranges");
        // a firewall that carries aks-shop's egress, and other VNets' too: an address outside aks-shop's ranges
        assertThat(enricher.enrich(firewall(FW_SHOP, "10.50.0.4", "2026-01-15T10:00:00Z").build()).getSource()
                .getAttributionReason()).isEqualTo("outside-known-ranges");
        FlowEvent noSource = firewall(FW_SHOP, null, "2026-01-15T10:00:00Z").build();
        assertThat(enricher.enrich(noSource).getSource().getAttributionReason()).isEqualTo("outside-known-ranges");
    }

    @Test
    void beyondRetentionTheAnswerIsExpiredNotAGuess() {
        timeline.apply(pod("aks-shop", "shop", "invoice-render-5c8d7f9b6-qx2lp", Uids.of("aks-shop"
                + "invoice-render-5c8d7f9b6-qx2lp")).owner("ReplicaSet", "invoice-render-5c8d7f9b6")
                .created("2026-01-15T00:00:00Z").started("2026-01-15T00:00:02Z").ips("10.240.3.17")
                .deleted("2026-01-15T06:00:00Z", 30).build(ChangeType.DELETED));
        timeline.advance(Instant.parse("2026-01-16T08:00:00Z").toEpochMilli()); // horizon 2026-01-15T08:00

        WorkloadIdentity old = enricher.enrich(firewall(FW_SHOP, "10.240.3.17", "2026-01-15T05:00:00Z").build())
                .getSource();
        assertThat(old.getAttributionReason()).isEqualTo("expired");
        assertThat(old.getCluster()).isEqualTo("aks-shop");
        WorkloadIdentity recent = enricher.enrich(firewall(FW_SHOP, "10.240.3.17", "2026-01-15T09:00:00Z").build())
                .getSource();
        assertThat(recent.getAttributionReason()).isEqualTo("no-owner-at-time");
    }
}
