package io.outflow.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import io.outflow.config.PipelineSettings;
import io.outflow.enrichment.clusters.ClusterSettings;
import io.outflow.enrichment.clusters.EgressAddress;
import io.outflow.enrichment.clusters.NetworkPlugin;
import io.outflow.enrichment.timeline.IdentitySettings;
import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichmentSettingsTest {
    private static final String FW = "/subscriptions/6c1e2f3a-0000-4000-8000-0000000051a0/resourceGroups/rg-hub/"
            + "providers/Microsoft.Network/azureFirewalls/fw-hub-weu";
    private static final String VNET = "/subscriptions/6c1e2f3a-0000-4000-8000-0000000051a0/resourceGroups/rg-shop/"
            + "providers/Microsoft.Network/virtualNetworks/vnet-shop";

    private ConfigProblems problems;

    private EnrichmentSettings read(String yaml) {
        ConfigNode root = ConfigDocument.parse(yaml, "outflow.yaml");
        problems = new ConfigProblems();
        PipelineSettings pipeline = PipelineSettings.read(root, problems);
        return EnrichmentSettings.read(root, pipeline, problems);
    }

    private List<String> messages() {
        return problems.all().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void absentSectionsGiveTheDefaults() {
        EnrichmentSettings settings = read("pipeline:\n  allowedLateness: 10m\n");
        assertThat(problems.isEmpty()).isTrue();
        assertThat(settings.identity()).isEqualTo(IdentitySettings.DEFAULT);
        assertThat(settings.identity().retention()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.clusters().clusters()).isEmpty();
    }

    @Test
    void readsAFullConfiguration() {
        EnrichmentSettings settings = read("""
                pipeline:
                  allowedLateness: 15m
                identity:
                  retention: 36h
                  labels: [app, team]
                clusters:
                  aks-shop:
                    networkPlugin: azure-cni-overlay
                    podCidrs: [10.244.0.0/16, "fd00:10:244::/56"]
                    nodeCidrs: 10.224.0.0/16
                    firewallResourceIds: [%s]
                    vnetResourceIds: [%s]
                  aks-data:
                    networkPlugin: azure-cni
                    podCidrs: [10.230.0.0/16]
                """.formatted(FW, VNET));

        assertThat(messages()).isEmpty();
        assertThat(settings.identity()).isEqualTo(new IdentitySettings(Duration.ofHours(36), List.of("app", "team")));
        ClusterSettings shop = settings.clusters().cluster("aks-shop");
        assertThat(shop.networkPlugin()).isEqualTo(NetworkPlugin.AZURE_CNI_OVERLAY);
        assertThat(shop.egressAddress()).isEqualTo(EgressAddress.NODE);
        assertThat(shop.podCidrs()).containsExactly(Cidr.parse("10.244.0.0/16"), Cidr.parse("fd00:10:244::/56"));
        assertThat(shop.nodeCidrs()).containsExactly(Cidr.parse("10.224.0.0/16"));
        assertThat(shop.carries(FW.toUpperCase())).isTrue();
        assertThat(shop.carries(VNET + "/subnets/snet-nodes")).isTrue();
        assertThat(shop.carries(VNET + "-other")).isFalse();
        assertThat(shop.inPodRanges(IpAddress.require("10.244.7.1"))).isTrue();
        assertThat(settings.clusters().cluster("aks-data").egressAddress()).isEqualTo(EgressAddress.POD);
    }

    @Test
    void retentionShorterThanTheAllowedLatenessIsRejectedWithItsLine() {
        read("""
                pipeline:
                  allowedLateness: 30m
                identity:
                  retention: 20m
                """);
        assertThat(messages()).containsExactly("identity.retention: must be ≥ pipeline.allowedLateness (30m): a flow "
                + "may arrive that late and still needs its owner, got 20m (outflow.yaml:4)");
    }

    @Test
    void defaultRetentionShorterThanAVeryLongLatenessIsReportedToo() {
        read("pipeline:\n  allowedLateness: 2d\n");
        assertThat(messages()).singleElement().asString().startsWith("identity.retention: must be ≥ "
                + "pipeline.allowedLateness (2d)").contains("(the default)");
    }

    @Test
    void everyClusterProblemIsReportedWithPathAndLine() {
        read("""
                identity:
                  retension: 24h
                clusters:
                  aks-shop:
                    networkPlugin: calico
                    podCidrs:
                      - 10.244.0.0/16
                      - 10.244.1.0/33
                      - 10.245.1.0/16
                    firewallResourceIds: [/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v]
                    egressAdress: node
                  "bad name!":
                    networkPlugin: kubenet
                  aks-kube:
                    networkPlugin: kubenet
                    podCidrs: [10.244.0.0/16]
                    nodeCidrs: [10.244.128.0/17]
                    egressAddress: pod
                  aks-empty: {}
                """);
        assertThat(messages()).containsExactlyInAnyOrder(
                "identity.retension: unknown key (did you mean 'retention'?) (outflow.yaml:2)",
                "clusters.aks-shop.networkPlugin: must be one of azure-cni, azure-cni-overlay, kubenet, cilium, got "
                        + "'calico' (outflow.yaml:5)",
                "clusters.aks-shop.podCidrs[1]: must be an address range such as 10.244.0.0/16 or fd00:10:244::/56, "
                        + "got '10.244.1.0/33' (outflow.yaml:8)",
                "clusters.aks-shop.podCidrs[2]: has host bits set: the range is 10.245.0.0/16, got '10.245.1.0/16' "
                        + "(outflow.yaml:9)",
                "clusters.aks-shop.firewallResourceIds[0]: must be an Azure Firewall resource ID (/subscriptions/…/"
                        + "resourceGroups/…/providers/Microsoft.Network/azureFirewalls/NAME), got '/subscriptions/x/"
                        + "resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v' (outflow.yaml:10)",
                "clusters.aks-shop.egressAdress: unknown key (did you mean 'egressAddress'?) (outflow.yaml:11)",
                "clusters.bad name!: a cluster name must start with a letter or digit and hold only letters, digits, "
                        + "'.', '_' and '-' (outflow.yaml:12)",
                "clusters.aks-kube.egressAddress: cannot be pod with kubenet: it SNATs egress to the node's address, "
                        + "so a firewall never sees pod addresses (outflow.yaml:18)",
                "clusters.aks-kube.podCidrs: pod range 10.244.0.0/16 overlaps node range 10.244.128.0/17: with "
                        + "kubenet pods and nodes use separate ranges (outflow.yaml:16)",
                "clusters.aks-empty.networkPlugin: is required (outflow.yaml:19)");
    }

    @Test
    void aSharedFirewallNeedsRangesToTellItsClustersApart() {
        read("""
                clusters:
                  aks-a:
                    networkPlugin: azure-cni
                    firewallResourceIds: [%s]
                  aks-b:
                    networkPlugin: azure-cni
                    firewallResourceIds: [%s]
                """.formatted(FW, FW));
        assertThat(messages()).containsExactly("clusters.aks-b.firewallResourceIds: this firewall also carries the "
                + "egress of cluster 'aks-a': give both clusters podCidrs or nodeCidrs, or their events cannot be told "
                + "apart (outflow.yaml:7)");

        read("""
                clusters:
                  aks-a:
                    networkPlugin: azure-cni
                    podCidrs: [10.10.0.0/16]
                    firewallResourceIds: [%s]
                  aks-b:
                    networkPlugin: azure-cni
                    podCidrs: [10.20.0.0/16]
                    firewallResourceIds: [%s]
                """.formatted(FW, FW));
        assertThat(messages()).isEmpty();
    }

    @Test
    void clustersMustBeAMapOfMaps() {
        read("clusters:\n  - aks-a\n");
        assertThat(messages()).containsExactly("clusters: must be a map of settings, got a list (outflow.yaml:1)");
        read("clusters:\n  aks-a: azure-cni\n");
        assertThat(messages()).containsExactly("clusters.aks-a: must be a map of cluster settings (networkPlugin, "
                + "podCidrs, …), got 'azure-cni' (outflow.yaml:2)");
    }
}
