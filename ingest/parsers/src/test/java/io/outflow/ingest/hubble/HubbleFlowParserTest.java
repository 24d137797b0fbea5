package io.outflow.ingest.hubble;

import static io.outflow.ingest.EventJson.compact;
import static io.outflow.ingest.EventJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.Fixtures;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.WorkloadIdentity;
import org.junit.jupiter.api.Test;

class HubbleFlowParserTest {

    /** A Hubble line with the given members inside {@code flow} (after a fixed time and addresses). */
    private static String line(String flowMembers) {
        return "{\"flow\":{\"time\":\"2025-03-14T16:30:00.000000000Z\",\"IP\":{\"source\":\"10.244.5.5\","
                + "\"destination\":\"203.0.113.99\",\"ipVersion\":\"IPv4\"}" + flowMembers + "},"
                + "\"node_name\":\"aks-test/node-a\",\"time\":\"2025-03-14T16:30:00.000000000Z\"}";
    }

    @Test
    void readsAnEgressToTheInternetWithThePodIdentityOfItsSource() {
        CollectingSink lines = CollectingSink.parseFixtureLines("hubble/egress-internet.jsonl");

        assertThat(lines.quarantined).isEmpty();
        assertThat(lines.counts().byCategory().get("HubbleFlow").events()).isEqualTo(1);
        FlowEvent event = lines.events.get(0);
        assertThat(json(event)).isEqualTo(compact("""
                {"time":"2025-03-14T09:26:53.589Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod",
                 "sourceIp":"10.244.3.17","sourcePort":51234,"destinationIp":"203.0.113.50","destinationPort":443,
                 "destinationFqdn":"api.payments.example","protocol":"TCP","action":"allow","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"shop",
                           "pod":"checkout-7c9f8b6d5-x2x4q","workloadKind":"Deployment","workload":"checkout",
                           "serviceAccount":"checkout-sa","node":"aks-nodepool1-31337-vmss000002",
                           "labels":{"app":"checkout"}},
                 "extras":{"destinationSecurityIdentity":"2","flowId":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                           "flowType":"L3_L4","ipVersion":"IPv4","isReply":"false",
                           "nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000002",
                           "sourceSecurityIdentity":"48211","summary":"TCP Flags: SYN","tcpFlags":"SYN",
                           "verdict":"FORWARDED"}}
                """));
        assertThat(event.getEventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void givesBothPodsOfAPodToPodFlowAndTheNodeOnlyToTheOneOnTheObservingNode() {
        CollectingSink lines = CollectingSink.parseFixtureLines("hubble/pod-to-pod.jsonl");

        assertThat(lines.quarantined).isEmpty();
        assertThat(json(lines.events.get(0))).isEqualTo(compact("""
                {"time":"2025-03-14T10:00:01.000Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod",
                 "sourceIp":"10.244.1.23","sourcePort":40522,"destinationIp":"10.244.2.41","destinationPort":8080,
                 "protocol":"TCP","action":"allow","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"web",
                           "pod":"frontend-5d8f7b9c4-k7m2p","workloadKind":"Deployment","workload":"frontend",
                           "node":"aks-nodepool1-31337-vmss000000","labels":{"app":"frontend","tier":"edge"}},
                 "destination":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"orders",
                                "pod":"orders-api-0","workloadKind":"StatefulSet","workload":"orders-api",
                                "labels":{"app":"orders-api"}},
                 "extras":{"destinationSecurityIdentity":"50202","flowType":"L3_L4","ipVersion":"IPv4",
                           "isReply":"false","nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000000",
                           "sourceSecurityIdentity":"50101","summary":"TCP Flags: SYN","tcpFlags":"SYN",
                           "verdict":"FORWARDED"}}
                """));
    }

    @Test
    void givesTheNodeToTheDestinationOfAnIngressFlow() {
        FlowEvent ingress = CollectingSink.parseFixtureLines("hubble/pod-to-pod.jsonl").events.get(1);

        assertThat(ingress.getDirection()).isEqualTo(Direction.inbound);
        assertThat(ingress.getSource().getNode()).isNull();
        assertThat(ingress.getDestination().getNode()).isEqualTo("aks-nodepool1-31337-vmss000001");
        assertThat(ingress.getTime().toString()).isEqualTo("2025-03-14T10:00:01Z");
    }

    @Test
    void keepsTheAddressesOfAReplyAsTheyAreAndGivesTheNodeToItsDestination() {
        FlowEvent reply = CollectingSink.parseFixtureLines("hubble/pod-to-pod.jsonl").events.get(2);

        assertThat(json(reply)).isEqualTo(compact("""
                {"time":"2025-03-14T10:00:01.002Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod",
                 "sourceIp":"10.244.2.41","sourcePort":8080,"destinationIp":"10.244.1.23","destinationPort":40522,
                 "protocol":"TCP","action":"allow","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"orders","pod":"orders-api-0",
                           "workloadKind":"StatefulSet","workload":"orders-api"},
                 "destination":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"web",
                                "pod":"frontend-5d8f7b9c4-k7m2p","workloadKind":"Deployment","workload":"frontend",
                                "node":"aks-nodepool1-31337-vmss000000"},
                 "extras":{"destinationSecurityIdentity":"50101","flowType":"L3_L4","ipVersion":"IPv4",
                           "isReply":"true","nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000000",
                           "sourceSecurityIdentity":"50202","summary":"TCP Flags: SYN, ACK","tcpFlags":"SYN,ACK",
                           "verdict":"FORWARDED"}}
                """));
    }

    @Test
    void givesTheNodeToTheSourceOfAnIngressReply() {
        FlowEvent event = CollectingSink.parse(line(",\"verdict\":\"FORWARDED\",\"traffic_direction\":\"INGRESS\","
                + "\"is_reply\":true,\"source\":{\"namespace\":\"a\",\"pod_name\":\"p1\"},"
                + "\"destination\":{\"namespace\":\"b\",\"pod_name\":\"p2\"}")).events.get(0);

        assertThat(event.getSource().getNode()).isEqualTo("node-a");
        assertThat(event.getDestination().getNode()).isNull();
    }

    @Test
    void readsADroppedFlowAsADenyWithItsDropReason() {
        FlowEvent dropped = CollectingSink.parseFixtureLines("hubble/dropped.jsonl").events.get(0);

        assertThat(json(dropped)).isEqualTo(compact("""
                {"time":"2025-03-14T11:15:42.123Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod",
                 "sourceIp":"10.244.4.9","sourcePort":36000,"destinationIp":"198.51.100.200","destinationPort":25,
                 "protocol":"TCP","action":"deny","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"batch",
                           "pod":"nightly-report-28931520-h4k2z","workloadKind":"CronJob","workload":"nightly-report",
                           "node":"aks-nodepool1-31337-vmss000001","labels":{"job-name":"nightly-report-28931520"}},
                 "extras":{"destinationSecurityIdentity":"2","dropReason":"POLICY_DENIED","flowType":"L3_L4",
                           "ipVersion":"IPv4","nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000001",
                           "sourceSecurityIdentity":"61001","summary":"TCP Flags: SYN","tcpFlags":"SYN",
                           "verdict":"DROPPED"}}
                """));
    }

    @Test
    void readsAnErrorVerdictAsADenyAndKeepsTheVerdict() {
        FlowEvent error = CollectingSink.parseFixtureLines("hubble/dropped.jsonl").events.get(1);

        assertThat(error.getAction()).isEqualTo(FlowAction.deny);
        assertThat(error.getExtras()).containsEntry("verdict", "ERROR");
        assertThat(error.getProtocol()).isEqualTo("UDP");
        assertThat(error.getDestinationPort()).isEqualTo(123);
        assertThat(error.getTime().toString()).isEqualTo("2025-03-14T11:16:00.500Z");
        assertThat(error.getSource().getCluster()).isEqualTo("aks-shop-prod");
    }

    @Test
    void mapsTheOtherVerdicts() {
        CollectingSink lines = CollectingSink.parse(line(",\"verdict\":\"AUDIT\""),
                line(",\"verdict\":\"REDIRECTED\""), line(",\"verdict\":\"TRACED\""),
                line(",\"verdict\":\"TRANSLATED\""), line(",\"verdict\":\"MAYBE\""));

        assertThat(lines.events).extracting(FlowEvent::getAction)
                .containsExactly(FlowAction.allow, FlowAction.allow, null, null, null);
        assertThat(lines.events.get(4).getWarnings())
                .containsExactly("flow.verdict 'MAYBE' is not a known verdict; left out");
        assertThat(lines.events.get(2).getWarnings()).isEmpty();
    }

    @Test
    void normalisesIpv6Addresses() {
        FlowEvent event = CollectingSink.parseFixtureLines("hubble/ipv6.jsonl").events.get(0);

        assertThat(json(event)).isEqualTo(compact("""
                {"time":"2025-03-14T12:00:00.250Z","category":"HubbleFlow","kind":"connection","cluster":"aks-edge",
                 "sourceIp":"fd00:10:244:3::1a","sourcePort":55443,"destinationIp":"2001:db8:4::80",
                 "destinationPort":443,"protocol":"UDP","action":"allow","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-edge","namespace":"edge","pod":"envoy-6b7c8d9f0-q1w2e",
                           "workloadKind":"Deployment","workload":"envoy","node":"aks-edgepool-42424-vmss000000",
                           "labels":{"app":"envoy"}},
                 "extras":{"destinationSecurityIdentity":"2","flowType":"L3_L4","ipVersion":"IPv6",
                           "isReply":"false","nodeName":"aks-edge/aks-edgepool-42424-vmss000000",
                           "sourceSecurityIdentity":"70001","summary":"UDP","verdict":"FORWARDED"}}
                """));
    }

    @Test
    void emptyEndpointsGiveNoIdentityAndABareNodeNameGivesNoCluster() {
        FlowEvent event = CollectingSink.parseFixtureLines("hubble/ipv6.jsonl").events.get(1);

        assertThat(json(event)).isEqualTo(compact("""
                {"time":"2025-03-14T12:00:05.000Z","category":"HubbleFlow","kind":"connection",
                 "sourceIp":"fe80::1c2d:3eff:fe4f:5a6b","destinationIp":"ff02::2","protocol":"ICMPv6",
                 "action":"deny",
                 "extras":{"dropReason":"INVALID_SOURCE_IP","icmpType":"133","ipVersion":"IPv6",
                           "nodeName":"aks-edgepool-42424-vmss000003","verdict":"DROPPED"}}
                """));
    }

    @Test
    void takesTheDestinationFqdnFromTheDnsQueryOfAnL7Request() {
        FlowEvent request = CollectingSink.parseFixtureLines("hubble/dns.jsonl").events.get(0);

        assertThat(json(request)).isEqualTo(compact("""
                {"time":"2025-03-14T13:30:00.000Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod",
                 "sourceIp":"10.244.3.17","sourcePort":38211,"destinationIp":"10.244.0.10","destinationPort":53,
                 "destinationFqdn":"telemetry.example.org","protocol":"UDP","action":"allow","direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"shop",
                           "pod":"checkout-7c9f8b6d5-x2x4q","workloadKind":"Deployment","workload":"checkout",
                           "node":"aks-nodepool1-31337-vmss000002","labels":{"app":"checkout"}},
                 "destination":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"kube-system",
                                "pod":"coredns-6f7d9c8b5-abcde","workloadKind":"Deployment","workload":"coredns",
                                "labels":{"k8s-app":"kube-dns"}},
                 "extras":{"applicationProtocol":"DNS","destinationSecurityIdentity":"102","dnsQueryTypes":"A",
                           "flowType":"L7","ipVersion":"IPv4","isReply":"false","l7Type":"REQUEST",
                           "nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000002",
                           "sourceSecurityIdentity":"48211","summary":"DNS Query Telemetry.Example.ORG. A",
                           "verdict":"FORWARDED"}}
                """));
    }

    @Test
    void keepsTheAnswersOfAnL7DnsResponse() {
        FlowEvent response = CollectingSink.parseFixtureLines("hubble/dns.jsonl").events.get(1);

        assertThat(response.getDestinationFqdn()).isEqualTo("telemetry.example.org");
        assertThat(response.getExtras())
                .containsEntry("l7Type", "RESPONSE")
                .containsEntry("dnsAnswerIps", "203.0.113.77,203.0.113.78")
                .containsEntry("isReply", "true")
                .doesNotContainKey("dnsRcode");
        assertThat(response.getDestination().getNode()).isEqualTo("aks-nodepool1-31337-vmss000002");
        assertThat(response.getSource().getNode()).isNull();
    }

    @Test
    void readsAnHttpL7FlowWithoutTheSecretsOfItsUrl() {
        FlowEvent event = CollectingSink.parse(line(",\"verdict\":\"FORWARDED\",\"l4\":{\"TCP\":{\"source_port\":"
                + "41000,\"destination_port\":8443}},\"l7\":{\"type\":\"REQUEST\",\"http\":{\"method\":\"POST\","
                + "\"code\":200,\"url\":\"https://svc:hunter2@Api.Example.com:8443/v1/pay?token=abc#frag\"}}"))
                .events.get(0);

        assertThat(event.getDestinationFqdn()).isEqualTo("api.example.com");
        assertThat(event.getExtras())
                .containsEntry("applicationProtocol", "HTTPS")
                .containsEntry("httpMethod", "POST")
                .containsEntry("httpCode", "200")
                .containsEntry("url", "https://Api.Example.com:8443/v1/pay");
    }

    @Test
    void givesAnAggregatedFlowWithoutAddressesAnEventWithItsWorkload() {
        CollectingSink lines = CollectingSink.parseFixtureLines("hubble/aggregated.jsonl");

        assertThat(lines.quarantined).isEmpty();
        assertThat(json(lines.events.get(0))).isEqualTo(compact("""
                {"time":"2025-03-14T14:00:30.000Z","category":"HubbleFlow","kind":"connection",
                 "cluster":"aks-shop-prod","destinationPort":443,"protocol":"TCP","action":"allow",
                 "direction":"outbound",
                 "source":{"attribution":"pod","cluster":"aks-shop-prod","namespace":"shop",
                           "workloadKind":"Deployment","workload":"checkout","node":"aks-nodepool1-31337-vmss000002"},
                 "extras":{"destinationSecurityIdentity":"2","ipVersion":"IPv4","isReply":"false",
                           "nodeName":"aks-shop-prod/aks-nodepool1-31337-vmss000002",
                           "sourceSecurityIdentity":"48211","verdict":"FORWARDED"}}
                """));
    }

    @Test
    void attributesTrafficFromTheHostToTheObservingNode() {
        FlowEvent event = CollectingSink.parseFixtureLines("hubble/host-network.jsonl").events.get(0);

        WorkloadIdentity source = event.getSource();
        assertThat(source.getAttribution()).isEqualTo(Attribution.node);
        assertThat(source.getNode()).isEqualTo("aks-nodepool1-31337-vmss000002");
        assertThat(source.getCluster()).isEqualTo("aks-shop-prod");
        assertThat(source.getPod()).isNull();
        assertThat(source.getNamespace()).isNull();
        assertThat(source.getLabels()).isEmpty();
        assertThat(event.getDestination()).isNull();
    }

    @Test
    void quarantinesLinesThatCannotGiveAnEventWithTheirReason() {
        CollectingSink lines = CollectingSink.parseFixtureLines("hubble/broken.jsonl");

        assertThat(lines.events).isEmpty();
        assertThat(lines.reasons()).containsExactly(
                "HubbleFlow: flow.time: missing",
                "HubbleFlow: flow.time 'yesterday' is not an ISO-8601 time",
                "HubbleFlow: flow.IP.source '10.244.300.1' is not an IP address",
                "HubbleFlow: flow names no IP address (flow.IP) and no endpoint identity (flow.source, "
                        + "flow.destination)");
        assertThat(lines.quarantined).allSatisfy(entry -> {
            assertThat(entry.category()).isEqualTo("HubbleFlow");
            assertThat(entry.raw()).startsWith("{\"flow\":");
        });
        assertThat(lines.counts().byCategory().get("HubbleFlow").entries()).isEqualTo(4);
    }

    @Test
    void usesTheLineTimeWhenFlowTimeIsUnreadableAndSaysSo() {
        FlowEvent event = CollectingSink.parse("{\"flow\":{\"time\":\"soon\",\"IP\":{\"source\":\"10.244.5.5\"}},"
                + "\"time\":\"2025-03-14T16:31:00.25Z\"}").events.get(0);

        assertThat(event.getTime().toString()).isEqualTo("2025-03-14T16:31:00.250Z");
        assertThat(event.getWarnings())
                .containsExactly("flow.time 'soon' is not an ISO-8601 time; the line's time was used");
    }

    @Test
    void readsAZonelessTimeAsUtcAndNotesIt() {
        FlowEvent event = CollectingSink.parse("{\"flow\":{\"time\":\"2025-03-14T16:32:00.123456\","
                + "\"IP\":{\"source\":\"10.244.5.5\"}}}").events.get(0);

        assertThat(event.getTime().toString()).isEqualTo("2025-03-14T16:32:00.123Z");
        assertThat(event.getWarnings())
                .containsExactly("flow.time '2025-03-14T16:32:00.123456' has no zone; read as UTC");
    }

    @Test
    void quarantinesARecordCategorisedAsHubbleWithoutAFlowObject() {
        CollectingSink lines = CollectingSink.parse("{\"category\":\"HubbleFlow\",\"flow\":\"text\"}");

        assertThat(lines.reasons()).containsExactly("HubbleFlow: flow: is not an object");
    }

    @Test
    void leavesOutAnInvalidDestinationAndUnknownDirectionWithWarnings() {
        FlowEvent event = CollectingSink.parse("{\"flow\":{\"time\":\"2025-03-14T16:30:00Z\",\"IP\":{\"source\":"
                + "\"10.244.5.5\",\"destination\":\"10.244.5\"},\"traffic_direction\":\"SIDEWAYS\","
                + "\"l4\":{\"TCP\":{\"source_port\":70000,\"destination_port\":\"443\"}}}}").events.get(0);

        assertThat(event.getDestinationIp()).isNull();
        assertThat(event.getDirection()).isNull();
        assertThat(event.getSourcePort()).isNull();
        assertThat(event.getDestinationPort()).isEqualTo(443);
        assertThat(event.getWarnings()).containsExactly(
                "flow.IP.destination '10.244.5' is not an IP address; left out",
                "flow.l4.TCP.source_port '70000' is not a port number; left out",
                "flow.traffic_direction 'SIDEWAYS' is not EGRESS or INGRESS; left out");
    }

    @Test
    void namesOtherLayer4ProtocolsByTheirIanaNumber() {
        CollectingSink lines = CollectingSink.parse(
                line(",\"l4\":{\"SCTP\":{\"source_port\":3868,\"destination_port\":3868}}"),
                line(",\"l4\":{\"ICMPv4\":{\"type\":8,\"code\":0}}"),
                line(",\"l4\":{\"QUIC\":{}}"));

        assertThat(lines.events.get(0).getProtocol()).isEqualTo("132");
        assertThat(lines.events.get(0).getDestinationPort()).isEqualTo(3868);
        assertThat(lines.events.get(1).getProtocol()).isEqualTo("ICMP");
        assertThat(lines.events.get(1).getExtras()).containsEntry("icmpType", "8").containsEntry("icmpCode", "0");
        assertThat(lines.events.get(2).getProtocol()).isNull();
        assertThat(lines.events.get(2).getWarnings())
                .containsExactly("flow.l4 'QUIC' is not a known layer-4 protocol; left out");
    }

    @Test
    void keepsOnlyThePodsOwnLabelsAndReadsTheServiceAccount() {
        FlowEvent event = CollectingSink.parse(line(",\"source\":{\"namespace\":\"shop\",\"pod_name\":\"p\","
                + "\"labels\":[\"k8s:app=checkout\",\"k8s:canary\",\"version=v2\",\"cidr:10.0.0.0/8\","
                + "\"reserved:world\",\"k8s:io.cilium.k8s.policy.serviceaccount=sa-1\","
                + "\"k8s:io.cilium.k8s.namespace.labels.team=payments\",\"k8s:io.kubernetes.pod.namespace=shop\","
                + "42,\"k8s:=x\"]}")).events.get(0);

        WorkloadIdentity source = event.getSource();
        assertThat(source.getLabels()).containsOnly(
                org.assertj.core.api.Assertions.entry("app", "checkout"),
                org.assertj.core.api.Assertions.entry("canary", ""),
                org.assertj.core.api.Assertions.entry("version", "v2"));
        assertThat(source.getServiceAccount()).isEqualTo("sa-1");
        assertThat(event.getWarnings()).containsExactly(
                "flow.source.labels '42' is not a label; left out",
                "flow.source.labels 'k8s:=x' is not a label; left out");
    }

    @Test
    void takesTheClusterFromTheLocalEndpointBeforeTheNodeName() {
        FlowEvent event = CollectingSink.parse(line(",\"traffic_direction\":\"EGRESS\",\"source\":{"
                + "\"cluster_name\":\"aks-blue\",\"namespace\":\"a\",\"pod_name\":\"p\"},\"destination\":{"
                + "\"cluster_name\":\"aks-green\",\"namespace\":\"b\",\"pod_name\":\"q\"}")).events.get(0);

        assertThat(event.getCluster()).isEqualTo("aks-blue");
        assertThat(event.getSource().getCluster()).isEqualTo("aks-blue");
        assertThat(event.getDestination().getCluster()).isEqualTo("aks-green");
    }

    @Test
    void leavesOutAWorkloadListOfTheWrongShapeWithAWarning() {
        FlowEvent event = CollectingSink.parse(line(",\"source\":{\"namespace\":\"a\",\"pod_name\":\"p\","
                + "\"workloads\":\"checkout\"}")).events.get(0);

        assertThat(event.getSource().getWorkload()).isNull();
        assertThat(event.getSource().getPod()).isEqualTo("p");
        assertThat(event.getWarnings())
                .containsExactly("flow.source.workloads 'checkout' is not a list of {name, kind} objects; left out");
    }

    @Test
    void everyFixtureEventSurvivesAnAvroRoundTrip() {
        var serde = io.outflow.schemas.binary.AvroBinarySerde.<FlowEvent>forSchema(FlowEvent.getClassSchema());
        for (String name : new String[] {"egress-internet.jsonl", "pod-to-pod.jsonl", "dropped.jsonl", "ipv6.jsonl",
            "dns.jsonl", "aggregated.jsonl", "host-network.jsonl"}) {
            for (FlowEvent event : CollectingSink.parseFixtureLines("hubble/" + name).events) {
                assertThat(json(serde.deserialize(serde.serialize(event)))).isEqualTo(json(event));
            }
        }
    }

    @Test
    void givesEqualEventIdsForTheSameLineDeliveredTwice() {
        String line = Fixtures.text("hubble/egress-internet.jsonl").strip();

        CollectingSink lines = CollectingSink.parse(line, line);

        assertThat(lines.events).hasSize(2);
        assertThat(lines.events.get(0).getEventId()).isEqualTo(lines.events.get(1).getEventId());
    }
}
