package io.outflow.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event Hubs bodies in the real formats, generated with a fixed seed so every run measures the same bytes: Azure
 * Firewall application-rule records, legacy free-text network-rule records, and VNet flow-log records.
 */
final class LogSamples {
    static final String FIREWALL = "/SUBSCRIPTIONS/5A1B0C2D-0000-4000-8000-00000000C0DE/RESOURCEGROUPS/RG-EGRESS/"
            + "PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-HUB";
    private static final String[] HOSTS = {"api.partner-billing.example", "login.microsoftonline.com",
        "mcr.microsoft.com", "x7f3.cdn.example.net", "storage.blob.core.windows.net", "telemetry.vendor.example"};

    private LogSamples() {
    }

    /** Bodies of {@code recordsPerBody} records each, {@code bodies} bodies. */
    static List<byte[]> applicationRuleBodies(int bodies, int recordsPerBody) {
        Random random = new Random(42);
        List<byte[]> out = new ArrayList<>();
        for (int b = 0; b < bodies; b++) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int r = 0; r < recordsPerBody; r++) {
                if (r > 0) {
                    body.append(',');
                }
                body.append("{\"category\":\"AZFWApplicationRule\",\"time\":\"").append(time(random))
                        .append("\",\"resourceId\":\"").append(FIREWALL).append("\",\"properties\":{\"Protocol\":\"HTTPS\",")
                        .append("\"SourceIp\":\"10.240.").append(random.nextInt(8)).append('.').append(random.nextInt(250))
                        .append("\",\"SourcePort\":").append(30000 + random.nextInt(30000))
                        .append(",\"DestinationPort\":443,\"Fqdn\":\"").append(HOSTS[random.nextInt(HOSTS.length)])
                        .append("\",\"TargetUrl\":\"\",\"Action\":\"Allow\",\"Policy\":\"fwp-hub\",")
                        .append("\"RuleCollectionGroup\":\"aks-egress\",\"RuleCollection\":\"apps\",\"Rule\":\"allow-web\",")
                        .append("\"WebCategory\":\"\",\"IsTlsInspected\":false,\"IsExplicitProxyRequest\":false,")
                        .append("\"ActionReason\":\"\"}}");
            }
            out.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    static List<byte[]> legacyNetworkRuleBodies(int bodies, int recordsPerBody) {
        Random random = new Random(43);
        List<byte[]> out = new ArrayList<>();
        for (int b = 0; b < bodies; b++) {
            StringBuilder body = new StringBuilder("{\"records\":[");
            for (int r = 0; r < recordsPerBody; r++) {
                if (r > 0) {
                    body.append(',');
                }
                body.append("{\"category\":\"AzureFirewallNetworkRule\",\"operationName\":\"AzureFirewallNetworkRuleLog\",")
                        .append("\"time\":\"").append(time(random)).append("\",\"resourceId\":\"").append(FIREWALL)
                        .append("\",\"properties\":{\"msg\":\"TCP request from 10.240.").append(random.nextInt(8))
                        .append('.').append(random.nextInt(250)).append(':').append(30000 + random.nextInt(30000))
                        .append(" to 203.0.113.").append(random.nextInt(250)).append(":443. Action: ")
                        .append(random.nextInt(10) == 0 ? "Deny" : "Allow")
                        .append(". Policy: fwp-hub. Rule Collection Group: aks-egress. Rule Collection: net. Rule: any-https\"}}");
            }
            out.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** VNet flow-log bodies: one record per body with {@code tuplesPerBody} tuples, as in a PT1H.json blob. */
    static List<byte[]> vnetFlowLogBodies(int bodies, int tuplesPerBody) {
        Random random = new Random(44);
        List<byte[]> out = new ArrayList<>();
        long start = 1_772_618_400_000L;
        for (int b = 0; b < bodies; b++) {
            StringBuilder body = new StringBuilder("{\"records\":[{\"time\":\"2026-03-04T10:00:00.0000000Z\",")
                    .append("\"flowLogVersion\":4,\"flowLogGUID\":\"3e5d8a10-0000-4000-8000-000000000001\",")
                    .append("\"macAddress\":\"7C1E52ABCDEF\",\"category\":\"FlowLogFlowEvent\",")
                    .append("\"flowLogResourceID\":\"/SUBSCRIPTIONS/5A1B0C2D/RESOURCEGROUPS/NETWORKWATCHERRG/PROVIDERS/")
                    .append("MICROSOFT.NETWORK/NETWORKWATCHERS/NW-WEU/FLOWLOGS/AKS-VNET\",\"targetResourceID\":")
                    .append("\"/subscriptions/5a1b0c2d/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks\",")
                    .append("\"operationName\":\"FlowLogFlowEvent\",\"flowRecords\":{\"flows\":[{\"aclID\":")
                    .append("\"00000000-1111-4222-8333-444444444444\",\"flowGroups\":[{\"rule\":\"DefaultRule_AllowInternetOutBound\",")
                    .append("\"flowTuples\":[");
            for (int t = 0; t < tuplesPerBody; t++) {
                if (t > 0) {
                    body.append(',');
                }
                char state = "BCCE".charAt(random.nextInt(4));
                body.append('"').append(start + random.nextInt(3_600_000)).append(",10.240.").append(random.nextInt(8))
                        .append('.').append(random.nextInt(250)).append(",203.0.113.").append(random.nextInt(250))
                        .append(',').append(30000 + random.nextInt(30000)).append(",443,6,O,").append(state).append(",NX,");
                if (state == 'B') {
                    body.append("0,0,0,0");
                } else {
                    body.append(random.nextInt(500)).append(',').append(random.nextInt(500_000)).append(',')
                            .append(random.nextInt(500)).append(',').append(random.nextInt(50_000));
                }
                body.append('"');
            }
            out.add(body.append("]}]}]}}]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String time(Random random) {
        return String.format("2026-03-04T%02d:%02d:%02d.%07dZ", random.nextInt(24), random.nextInt(60),
                random.nextInt(60), random.nextInt(10_000_000));
    }
}
