package io.outflow.ingest.flowlogs;

import static io.outflow.ingest.EventJson.compact;
import static io.outflow.ingest.EventJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowState;
import org.junit.jupiter.api.Test;

class NsgFlowLogParserTest {
    private static final String NSG = "/SUBSCRIPTIONS/7D3C5E21-9A4B-4C2F-8E61-2F0B9D4A6C13/RESOURCEGROUPS/"
            + "MC_RG-SHOP_AKS-SHOP-PROD_WESTEUROPE/PROVIDERS/MICROSOFT.NETWORK/NETWORKSECURITYGROUPS/"
            + "AKS-AGENTPOOL-31337-NSG";

    /** A one-record NSG document with the given properties.Version JSON (or none) around the given tuples. */
    private static String nsgRecord(String version, String... tuples) {
        return "{\"records\":[{\"time\":\"2025-01-01T07:00:00.0000000Z\",\"category\":\"NetworkSecurityGroupFlowEvent\","
                + "\"resourceId\":\"nsg-1\",\"properties\":{" + (version == null ? "" : "\"Version\":" + version + ",")
                + "\"flows\":[{\"rule\":\"r1\",\"flows\":[{\"mac\":\"000D3AB7114C\",\"flowTuples\":["
                + String.join(",", tuples) + "]}]}]}}]}";
    }

    @Test
    void readsVersion1TuplesOfEightFieldsWithTheirDecision() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/nsg-v1.json");

        assertThat(entries.quarantined).isEmpty();
        assertThat(entries.events).hasSize(3);
        assertThat(json(entries.events.get(0))).isEqualTo(compact("""
                {"time":"2025-01-01T05:00:00.000Z","category":"NetworkSecurityGroupFlowEvent","kind":"flow_summary",
                 "sourceIp":"198.51.100.61","sourcePort":52811,"destinationIp":"10.10.0.4","destinationPort":3389,
                 "protocol":"TCP","action":"deny","direction":"inbound",
                 "resourceId":"%s",
                 "extras":{"flowLogVersion":"1","macAddress":"000D3AB7114C","rule":"DefaultRule_DenyAllInBound",
                           "systemId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7"}}
                """.formatted(NSG)));
        assertThat(json(entries.events.get(1))).isEqualTo(compact("""
                {"time":"2025-01-01T05:01:00.000Z","category":"NetworkSecurityGroupFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.10.0.4","sourcePort":49160,"destinationIp":"203.0.113.9","destinationPort":443,
                 "protocol":"TCP","action":"allow","direction":"outbound",
                 "resourceId":"%s",
                 "extras":{"flowLogVersion":"1","macAddress":"000D3AB7114C",
                           "rule":"DefaultRule_AllowInternetOutBound",
                           "systemId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7"}}
                """.formatted(NSG)));
        FlowEvent udp = entries.events.get(2);
        assertThat(udp.getProtocol()).isEqualTo("UDP");
        assertThat(udp.getDestinationPort()).isEqualTo(53);
        assertThat(udp.getTime().toString()).isEqualTo("2025-01-01T05:02:00Z");
    }

    @Test
    void version1TuplesHaveNoStateAndNoCounters() {
        FlowEvent event = CollectingSink.parseFixture("flowlogs/nsg-v1.json").events.get(1);

        assertThat(event.getFlowState()).isNull();
        assertThat(event.getBytesOut()).isNull();
        assertThat(event.getPacketsOut()).isNull();
        assertThat(event.getBytesIn()).isNull();
        assertThat(event.getPacketsIn()).isNull();
    }

    @Test
    void readsVersion2BeginContinuingAndEndTuples() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/nsg-v2.json");

        assertThat(entries.events).extracting(FlowEvent::getFlowState)
                .containsExactly(FlowState.begin, FlowState.continuing, FlowState.end, FlowState.begin);
        assertThat(json(entries.events.get(0))).isEqualTo(compact("""
                {"time":"2025-01-01T06:00:00.000Z","category":"NetworkSecurityGroupFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.10.0.4","sourcePort":49170,"destinationIp":"203.0.113.9","destinationPort":443,
                 "protocol":"TCP","action":"allow","direction":"outbound","flowState":"begin",
                 "resourceId":"%s",
                 "extras":{"flowLogVersion":"2","macAddress":"000D3AB7114C",
                           "rule":"DefaultRule_AllowInternetOutBound",
                           "systemId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7"}}
                """.formatted(NSG)));
        assertThat(json(entries.events.get(1))).isEqualTo(compact("""
                {"time":"2025-01-01T06:05:00.000Z","category":"NetworkSecurityGroupFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.10.0.4","sourcePort":49170,"destinationIp":"203.0.113.9","destinationPort":443,
                 "protocol":"TCP","action":"allow","direction":"outbound","flowState":"continuing",
                 "bytesOut":90210,"packetsOut":120,"bytesIn":1048576,"packetsIn":95,
                 "resourceId":"%s",
                 "extras":{"flowLogVersion":"2","macAddress":"000D3AB7114C",
                           "rule":"DefaultRule_AllowInternetOutBound",
                           "systemId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7"}}
                """.formatted(NSG)));
        FlowEvent end = entries.events.get(2);
        assertThat(end.getTime().toString()).isEqualTo("2025-01-01T06:06:00Z");
        assertThat(end.getPacketsOut()).isEqualTo(3L);
        assertThat(end.getBytesOut()).isEqualTo(180L);
        assertThat(end.getPacketsIn()).isEqualTo(2L);
        assertThat(end.getBytesIn()).isEqualTo(120L);
    }

    @Test
    void keepsTheStateOfADeniedVersion2TupleAndDeniesIt() {
        FlowEvent denied = CollectingSink.parseFixture("flowlogs/nsg-v2.json").events.get(3);

        assertThat(json(denied)).isEqualTo(compact("""
                {"time":"2025-01-01T06:00:30.000Z","category":"NetworkSecurityGroupFlowEvent","kind":"flow_summary",
                 "sourceIp":"192.0.2.99","sourcePort":61000,"destinationIp":"10.10.0.4","destinationPort":22,
                 "protocol":"TCP","action":"deny","direction":"inbound","flowState":"begin",
                 "resourceId":"%s",
                 "extras":{"flowLogVersion":"2","macAddress":"000D3AB7114C","rule":"DefaultRule_DenyAllInBound",
                           "systemId":"3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7"}}
                """.formatted(NSG)));
    }

    @Test
    void quarantinesATupleWhoseFieldCountDoesNotMatchTheDeclaredVersion() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/nsg-v2.json");

        assertThat(entries.reasons()).containsExactly(
                "NetworkSecurityGroupFlowEvent: tuple has 8 fields, expected 13 (NSG flow log version 2)");
        assertThat(entries.quarantined.get(0).raw()).isEqualTo("1735711240,10.10.0.4,203.0.113.9,49171,443,T,O,A");
        assertThat(entries.counts().byCategory().get("NetworkSecurityGroupFlowEvent").entries()).isEqualTo(5);
        assertThat(entries.events).hasSize(4);
    }

    @Test
    void quarantinesAThirteenFieldTupleInAVersion1Record() {
        CollectingSink entries = CollectingSink.parse(nsgRecord("1",
                "\"1735711200,10.10.0.4,203.0.113.9,49170,443,T,O,A,B,,,,\""));

        assertThat(entries.reasons()).containsExactly(
                "NetworkSecurityGroupFlowEvent: tuple has 13 fields, expected 8 (NSG flow log version 1)");
    }

    @Test
    void takesTheLayoutFromTheFieldCountWhenTheVersionIsMissingAndSaysSo() {
        CollectingSink entries = CollectingSink.parse(nsgRecord(null,
                "\"1735711200,10.10.0.4,203.0.113.9,49170,443,T,O,A\"",
                "\"1735711500,10.10.0.4,203.0.113.9,49170,443,T,O,A,C,1,2,3,4\"",
                "\"1735711500,10.10.0.4,203.0.113.9,49170,443,T,O,A,C\""));

        assertThat(entries.events).hasSize(2);
        assertThat(entries.events.get(0).getWarnings())
                .containsExactly("properties.Version missing; tuple layout taken from its field count");
        assertThat(entries.events.get(0).getFlowState()).isNull();
        assertThat(entries.events.get(1).getFlowState()).isEqualTo(FlowState.continuing);
        assertThat(entries.events.get(1).getBytesIn()).isEqualTo(4L);
        assertThat(entries.reasons()).containsExactly("NetworkSecurityGroupFlowEvent: tuple has 9 fields, "
                + "expected 8 (NSG flow log version 1) or 13 (version 2)");
    }

    @Test
    void namesAnUnknownVersionInTheWarnings() {
        FlowEvent event = CollectingSink.parse(nsgRecord("\"3\"",
                "\"1735711200,10.10.0.4,203.0.113.9,49170,443,T,O,A\"")).events.get(0);

        assertThat(event.getWarnings())
                .containsExactly("properties.Version '3' is not 1 or 2; tuple layout taken from its field count");
        assertThat(event.getExtras()).containsEntry("flowLogVersion", "3");
    }

    @Test
    void leavesOutAnUnknownDecisionOrStateWithAWarning() {
        FlowEvent event = CollectingSink.parse(nsgRecord("2",
                "\"1735711200,10.10.0.4,203.0.113.9,49170,443,T,O,X,D,,,,\"")).events.get(0);

        assertThat(event.getAction()).isNull();
        assertThat(event.getFlowState()).isNull();
        assertThat(event.getWarnings()).containsExactly(
                "tuple field 8 (decision) 'X' is not a decision (A or D); left out",
                "tuple field 9 (flow state) 'D' is not a flow state (B, C or E); left out");
    }

    @Test
    void acceptsAnIanaProtocolNumberInAnNsgTuple() {
        FlowEvent event = CollectingSink.parse(nsgRecord("1",
                "\"1735711200,10.10.0.4,203.0.113.9,0,0,1,O,A\"")).events.get(0);

        assertThat(event.getProtocol()).isEqualTo("ICMP");
        assertThat(event.getAction()).isEqualTo(FlowAction.allow);
    }

    @Test
    void quarantinesARecordWithoutPropertiesOrFlowsAsOneEntry() {
        CollectingSink noProperties = CollectingSink.parse(
                "{\"records\":[{\"category\":\"NetworkSecurityGroupFlowEvent\",\"resourceId\":\"nsg-1\"}]}");
        CollectingSink noFlows = CollectingSink.parse(
                "{\"records\":[{\"category\":\"NetworkSecurityGroupFlowEvent\",\"properties\":{\"Version\":2}}]}");

        assertThat(noProperties.reasons()).containsExactly("NetworkSecurityGroupFlowEvent: properties: missing");
        assertThat(noFlows.reasons()).containsExactly("NetworkSecurityGroupFlowEvent: properties.flows: missing");
    }

    @Test
    void quarantinesAMacGroupWithoutTuplesAndReadsTheOtherGroups() {
        String body = "{\"category\":\"NetworkSecurityGroupFlowEvent\",\"resourceId\":\"nsg-1\",\"properties\":{"
                + "\"Version\":1,\"flows\":[{\"rule\":\"r1\",\"flows\":[{\"mac\":\"000D3AB7114C\"},"
                + "{\"mac\":\"000D3AB7114C\",\"flowTuples\":[\"1735707600,10.10.0.4,203.0.113.9,1,2,T,O,A\"]}]},"
                + "{\"rule\":\"r2\"}]}}";

        CollectingSink entries = CollectingSink.parse(body);

        assertThat(entries.reasons()).containsExactly(
                "NetworkSecurityGroupFlowEvent: properties.flows[0].flows[0].flowTuples: missing",
                "NetworkSecurityGroupFlowEvent: properties.flows[1].flows: missing");
        assertThat(entries.events).hasSize(1);
        assertThat(entries.events.get(0).getExtras()).containsEntry("rule", "r1");
    }

    @Test
    void aRecordWithNoTuplesGivesNoEntries() {
        assertThat(CollectingSink.parse(nsgRecord("2")).counts().entries()).isZero();
    }
}
