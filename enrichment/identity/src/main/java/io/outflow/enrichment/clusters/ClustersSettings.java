package io.outflow.enrichment.clusters;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code clusters} section of {@code outflow.yaml}: per cluster name, its network plugin, pod and node ranges,
 * and the Azure resources that see its egress.
 * <pre>
 * clusters:
 *   aks-prod-weu:
 *     networkPlugin: azure-cni-overlay        # azure-cni | azure-cni-overlay | kubenet | cilium
 *     podCidrs: [10.244.0.0/16]
 *     nodeCidrs: [10.224.0.0/16]
 *     firewallResourceIds: [/subscriptions/…/providers/Microsoft.Network/azureFirewalls/fw-hub]
 *     vnetResourceIds: [/subscriptions/…/providers/Microsoft.Network/virtualNetworks/vnet-aks]
 *     egressAddress: node                     # default by plugin: node for overlay and kubenet, else pod
 * </pre>
 */
public record ClustersSettings(List<ClusterSettings> clusters) {
    public static final ClustersSettings NONE = new ClustersSettings(List.of());

    private static final Pattern FIREWALL_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.network/azurefirewalls/[^/]+/?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NETWORK_ID = Pattern.compile(
            "/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.network/"
                    + "(virtualnetworks/[^/]+(/subnets/[^/]+)?|networksecuritygroups/[^/]+)/?",
            Pattern.CASE_INSENSITIVE);

    public ClustersSettings {
        clusters = List.copyOf(clusters);
    }

    public ClusterSettings cluster(String name) {
        for (ClusterSettings cluster : clusters) {
            if (cluster.name().equals(name)) {
                return cluster;
            }
        }
        return null;
    }

    public static ClustersSettings read(ConfigNode root, ConfigProblems problems) {
        ConfigNode section = root.section("clusters", problems);
        List<ClusterSettings> out = new ArrayList<>();
        Map<String, String> firewallOwners = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> entry : section.entries().entrySet()) {
            String name = entry.getKey();
            ConfigNode node = entry.getValue();
            if (!ClusterNames.isValid(name)) {
                problems.add(node, "a cluster name must start with a letter or digit and hold only letters, digits, "
                        + "'.', '_' and '-'");
            }
            if (!node.isMap()) {
                problems.add(node, "must be a map of cluster settings (networkPlugin, podCidrs, …), got "
                        + node.describe());
                continue;
            }
            ClusterSettings cluster = readCluster(name, node, problems);
            if (cluster == null) {
                continue;
            }
            out.add(cluster);
            for (String firewall : cluster.firewallResourceIds()) {
                String other = firewallOwners.putIfAbsent(firewall, name);
                if (other != null && !(cluster.hasRanges() && out.stream()
                        .filter(c -> c.name().equals(other)).allMatch(ClusterSettings::hasRanges))) {
                    problems.add(node.get("firewallResourceIds"), "this firewall also carries the egress of cluster '"
                            + other + "': give both clusters podCidrs or nodeCidrs, or their events cannot be told "
                            + "apart");
                }
            }
        }
        return new ClustersSettings(out);
    }

    private static ClusterSettings readCluster(String name, ConfigNode node, ConfigProblems problems) {
        String pluginText = node.requiredString("networkPlugin", problems);
        NetworkPlugin plugin = pluginText == null ? null : NetworkPlugin.of(pluginText);
        if (pluginText != null && plugin == null) {
            problems.add(node.get("networkPlugin"), "must be one of azure-cni, azure-cni-overlay, kubenet, cilium, got '"
                    + pluginText + "'");
        }
        List<Cidr> podCidrs = cidrs(node, "podCidrs", problems);
        List<Cidr> nodeCidrs = cidrs(node, "nodeCidrs", problems);
        List<String> firewalls = resourceIds(node, "firewallResourceIds", FIREWALL_ID,
                "an Azure Firewall resource ID (/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/"
                        + "azureFirewalls/NAME)", problems);
        List<String> networks = resourceIds(node, "vnetResourceIds", NETWORK_ID,
                "a virtual network, subnet or network security group resource ID (/subscriptions/…/resourceGroups/…/"
                        + "providers/Microsoft.Network/virtualNetworks/NAME)", problems);
        EgressAddress egress = plugin == null ? EgressAddress.POD : plugin.defaultEgress();
        ConfigNode egressNode = node.get("egressAddress");
        String egressText = node.string("egressAddress", null, problems);
        if (egressText != null) {
            EgressAddress chosen = EgressAddress.of(egressText);
            if (chosen == null) {
                problems.add(egressNode, "must be pod or node, got '" + egressText + "'");
            } else if (chosen == EgressAddress.POD && plugin != null && plugin.alwaysSnatsToNode()) {
                problems.add(egressNode, "cannot be pod with " + plugin.text() + ": it SNATs egress to the node's "
                        + "address, so a firewall never sees pod addresses");
            } else {
                egress = chosen;
            }
        }
        if (plugin != null && plugin.alwaysSnatsToNode()) {
            for (Cidr pod : podCidrs) {
                for (Cidr host : nodeCidrs) {
                    if (pod.overlaps(host)) {
                        problems.add(node.get("podCidrs"), "pod range " + pod + " overlaps node range " + host
                                + ": with " + plugin.text() + " pods and nodes use separate ranges");
                    }
                }
            }
        }
        node.rejectUnknownKeys(problems);
        if (plugin == null) {
            return null;
        }
        return new ClusterSettings(name, plugin, podCidrs, nodeCidrs, firewalls, networks, egress);
    }

    /** The scalar items of a list (or a single scalar), each with its own line. */
    private static List<ConfigNode> items(ConfigNode parent, String key, ConfigProblems problems) {
        ConfigNode node = parent.get(key);
        if (node == null || node.type() == ConfigNode.Type.NULL) {
            return List.of();
        }
        if (node.type() == ConfigNode.Type.SCALAR) {
            return List.of(node);
        }
        if (node.type() != ConfigNode.Type.LIST) {
            problems.add(node, "must be a list, got " + node.describe());
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            if (item.type() == ConfigNode.Type.SCALAR) {
                out.add(item);
            } else {
                problems.add(item, "must be a string, got " + item.describe());
            }
        }
        return out;
    }

    private static List<Cidr> cidrs(ConfigNode parent, String key, ConfigProblems problems) {
        List<Cidr> out = new ArrayList<>();
        for (ConfigNode item : items(parent, key, problems)) {
            Cidr cidr = Cidr.parse(item.text());
            if (cidr == null) {
                problems.add(item, "must be an address range such as 10.244.0.0/16 or fd00:10:244::/56, got "
                        + item.describe());
            } else if (cidr.hasHostBits()) {
                problems.add(item, "has host bits set: the range is " + cidr.normalized() + ", got " + item.describe());
            } else {
                out.add(cidr);
            }
        }
        return out;
    }

    private static List<String> resourceIds(ConfigNode parent, String key, Pattern pattern, String expected,
                                            ConfigProblems problems) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : items(parent, key, problems)) {
            String id = item.text().strip();
            if (!pattern.matcher(id).matches()) {
                problems.add(item, "must be " + expected + ", got " + item.describe());
            } else {
                out.add(id);
            }
        }
        return out;
    }
}
