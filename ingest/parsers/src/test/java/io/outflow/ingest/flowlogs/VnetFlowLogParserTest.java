package io.outflow.ingest.flowlogs;

import static io.outflow.ingest.EventJson.compact;
import static io.outflow.ingest.EventJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowState;
import org.junit.jupiter.api.Test;

class VnetFlowLogParserTest {
    private static final String VNET = "/subscriptions/7d3c5e21-9a4b-4c2f-8e61-2f0b9d4a6c13/resourceGroups/"
            + "rg-shop-network/providers/Microsoft.Network/virtualNetworks/vnet-shop-aks";
    private static final String FLOW_LOG = "/SUBSCRIPTIONS/7D3C5E21-9A4B-4C2F-8E61-2F0B9D4A6C13/RESOURCEGROUPS/"
            + "NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_WESTEUROPE/FLOWLOGS/"
            + "FL-VNET-SHOP-AKS";

    /** A one-record VNet document around the given tuples (JSON string literals or other JSON values). */
    static String vnetRecord(String recordFields, String... tuples) {
        return "{\"records\":[{\"time\":\"2025-01-01T04:00:00.0000000Z\","
                + "\"category\":\"FlowLogFlowEvent\",\"targetResourceID\":\"" + VNET + "\"" + recordFields + ","
                + "\"flowRecords\":{\"flows\":[{\"aclID\":\"acl-1\",\"flowGroups\":[{\"rule\":\"r1\","
                + "\"flowTuples\":[" + String.join(",", tuples) + "]}]}]}}]}";
    }

    @Test
    void givesOneEventPerTupleOfAPrettyPrintedHourlyBlob() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json");

        assertThat(entries.quarantined).isEmpty();
        assertThat(entries.events).hasSize(6);
        assertThat(entries.counts().byCategory().get("FlowLogFlowEvent").events()).isEqualTo(6);
        assertThat(entries.events).extracting(FlowEvent::getFlowState).containsExactly(FlowState.begin,
                FlowState.continuing, FlowState.end, FlowState.end, FlowState.end, FlowState.deny);
    }

    @Test
    void readsABeginTupleWithItsOwnMillisecondTimeAndKeepsItsZeroCounters() {
        FlowEvent begin = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(0);

        assertThat(json(begin)).isEqualTo(compact("""
                {"time":"2025-01-01T01:00:10.123Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.224.0.17","sourcePort":41822,"destinationIp":"198.51.100.23","destinationPort":443,
                 "protocol":"TCP","action":"allow","direction":"outbound","flowState":"begin",
                 "bytesOut":0,"packetsOut":0,"bytesIn":0,"packetsIn":0,
                 "resourceId":"%s",
                 "extras":{"aclId":"a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b","encryption":"NX",
                           "flowLogGuid":"5e0b7c2a-41d3-4f7e-9b8a-3c6d1e2f4a90",
                           "flowLogResourceId":"%s",
                           "flowLogVersion":"4","macAddress":"7C1E5247A0B3",
                           "rule":"DefaultRule_AllowInternetOutBound"}}
                """.formatted(VNET, FLOW_LOG)));
        assertThat(begin.getEventId()).matches("[0-9a-f]{32}");
    }

    @Test
    void mapsSourceToDestinationCountersToOutAndTheReverseToIn() {
        FlowEvent continuing = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(1);

        assertThat(json(continuing)).isEqualTo(compact("""
                {"time":"2025-01-01T01:05:10.456Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.224.0.17","sourcePort":41822,"destinationIp":"198.51.100.23","destinationPort":443,
                 "protocol":"TCP","action":"allow","direction":"outbound","flowState":"continuing",
                 "bytesOut":2214033,"packetsOut":1840,"bytesIn":98211,"packetsIn":1502,
                 "resourceId":"%s",
                 "extras":{"aclId":"a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b","encryption":"NX",
                           "flowLogGuid":"5e0b7c2a-41d3-4f7e-9b8a-3c6d1e2f4a90",
                           "flowLogResourceId":"%s",
                           "flowLogVersion":"4","macAddress":"7C1E5247A0B3",
                           "rule":"DefaultRule_AllowInternetOutBound"}}
                """.formatted(VNET, FLOW_LOG)));
    }

    @Test
    void endTupleCarriesTheLastDeltas() {
        FlowEvent end = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(2);

        assertThat(end.getTime().toString()).isEqualTo("2025-01-01T01:06:22.789Z");
        assertThat(end.getFlowState()).isEqualTo(FlowState.end);
        assertThat(end.getPacketsOut()).isEqualTo(12L);
        assertThat(end.getBytesOut()).isEqualTo(5321L);
        assertThat(end.getPacketsIn()).isEqualTo(9L);
        assertThat(end.getBytesIn()).isEqualTo(1890L);
    }

    @Test
    void normalisesIpv6TuplesAndNamesUdpByItsIanaNumber() {
        FlowEvent dns = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(3);

        assertThat(json(dns)).isEqualTo(compact("""
                {"time":"2025-01-01T01:01:40.001Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"fd00:10:224::17","sourcePort":50110,"destinationIp":"2001:db8::53","destinationPort":53,
                 "protocol":"UDP","action":"allow","direction":"outbound","flowState":"end",
                 "bytesOut":148,"packetsOut":2,"bytesIn":312,"packetsIn":2,
                 "resourceId":"%s",
                 "extras":{"aclId":"a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b","encryption":"X",
                           "flowLogGuid":"5e0b7c2a-41d3-4f7e-9b8a-3c6d1e2f4a90",
                           "flowLogResourceId":"%s",
                           "flowLogVersion":"4","macAddress":"7C1E5247A0B3",
                           "rule":"AllowDnsToResolverOutBound"}}
                """.formatted(VNET, FLOW_LOG)));
    }

    @Test
    void namesIcmpByItsIanaNumberWithPortZero() {
        FlowEvent icmp = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(4);

        assertThat(icmp.getProtocol()).isEqualTo("ICMP");
        assertThat(icmp.getSourcePort()).isZero();
        assertThat(icmp.getDestinationPort()).isZero();
        assertThat(icmp.getDestinationIp()).isEqualTo("192.0.2.10");
    }

    @Test
    void readsStateDAsADeniedInboundFlow() {
        FlowEvent denied = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json").events.get(5);

        assertThat(json(denied)).isEqualTo(compact("""
                {"time":"2025-01-01T01:03:21.000Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"203.0.113.77","sourcePort":50505,"destinationIp":"10.224.0.17","destinationPort":22,
                 "protocol":"TCP","action":"deny","direction":"inbound","flowState":"deny",
                 "bytesOut":0,"packetsOut":0,"bytesIn":0,"packetsIn":0,
                 "resourceId":"%s",
                 "extras":{"aclId":"0f9e8d7c-6b5a-4c3d-2e1f-a0b1c2d3e4f5","encryption":"NX",
                           "flowLogGuid":"5e0b7c2a-41d3-4f7e-9b8a-3c6d1e2f4a90",
                           "flowLogResourceId":"%s",
                           "flowLogVersion":"4","macAddress":"7C1E5247A0B3",
                           "rule":"DenySshFromInternetInBound"}}
                """.formatted(VNET, FLOW_LOG)));
    }

    @Test
    void readsASingleLineDocumentWithSecondEpochsAndLeavesEmptyCountersAbsent() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/vnet-v4-single-line.json");

        assertThat(entries.quarantined).isEmpty();
        assertThat(entries.events).hasSize(2);
        String batchVnet = "/subscriptions/7d3c5e21-9a4b-4c2f-8e61-2f0b9d4a6c13/resourceGroups/rg-batch/providers/"
                + "Microsoft.Network/virtualNetworks/vnet-batch";
        String batchFlowLog = "/SUBSCRIPTIONS/7D3C5E21-9A4B-4C2F-8E61-2F0B9D4A6C13/RESOURCEGROUPS/NETWORKWATCHERRG/"
                + "PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_WESTEUROPE/FLOWLOGS/FL-VNET-BATCH";
        assertThat(json(entries.events.get(0))).isEqualTo(compact("""
                {"time":"2025-01-01T02:00:00.000Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.224.1.5","sourcePort":33000,"destinationIp":"192.0.2.200","destinationPort":8443,
                 "protocol":"TCP","action":"allow","direction":"outbound","flowState":"begin",
                 "resourceId":"%s",
                 "extras":{"aclId":"11112222-3333-4444-5555-666677778888","encryption":"NX",
                           "flowLogGuid":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                           "flowLogResourceId":"%s",
                           "flowLogVersion":"4","macAddress":"6045BDF01A22","rule":"AllowPartnerApiOutBound"}}
                """.formatted(batchVnet, batchFlowLog)));
        FlowEvent continuing = entries.events.get(1);
        assertThat(continuing.getTime().toString()).isEqualTo("2025-01-01T02:05:00Z");
        assertThat(continuing.getExtras()).containsEntry("encryption", "NX_HW_NOT_SUPPORTED");
        assertThat(continuing.getBytesOut()).isEqualTo(1200L);
        assertThat(continuing.getBytesIn()).isEqualTo(64000L);
    }

    @Test
    void aRecordWithNoTuplesGivesNoEntries() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/vnet-v4-single-line.json");

        // the second record of the fixture holds an empty flowTuples array
        assertThat(entries.counts().entries()).isEqualTo(2);
        assertThat(CollectingSink.parse(vnetRecord("")).counts().entries()).isZero();
        assertThat(CollectingSink.parse("{\"category\":\"FlowLogFlowEvent\",\"flowRecords\":{\"flows\":[]}}")
                .counts().entries()).isZero();
    }

    @Test
    void quarantinesEachBadTupleAloneAndStillReadsTheOthers() {
        CollectingSink entries = CollectingSink.parseFixture("flowlogs/vnet-v4-bad-tuples.json");

        assertThat(entries.events).hasSize(2);
        assertThat(entries.quarantined).hasSize(5);
        assertThat(entries.counts().byCategory().get("FlowLogFlowEvent").entries()).isEqualTo(7);
        assertThat(entries.reasons()).containsExactly(
                "FlowLogFlowEvent: tuple has 12 fields, expected 13",
                "FlowLogFlowEvent: tuple field 2 (source IP) '10.224.2.999' is not an IP address",
                "FlowLogFlowEvent: tuple field 1 (time) '17357004x0000' is not an epoch time in seconds or "
                        + "milliseconds",
                "FlowLogFlowEvent: tuple field 1 (time) '86400' is not a time between the years 2000 and 2099",
                "FlowLogFlowEvent: flowRecords.flows[0].flowGroups[0].flowTuples[5]: is not a string");
    }

    @Test
    void quarantinedTupleKeepsItsOwnTextAndHash() {
        QuarantineEntry badIp = CollectingSink.parseFixture("flowlogs/vnet-v4-bad-tuples.json").quarantined.get(1);

        assertThat(badIp.category()).isEqualTo("FlowLogFlowEvent");
        assertThat(badIp.raw()).isEqualTo("1735700401000,10.224.2.999,198.51.100.80,40001,443,6,O,B,NX,0,0,0,0");
        assertThat(badIp.rawTruncated()).isFalse();
        assertThat(badIp.rawSha256()).matches("[0-9a-f]{64}");
        assertThat(badIp.source()).isEqualTo("flowlogs/vnet-v4-bad-tuples.json");
    }

    @Test
    void leavesOutInvalidOptionalFieldsAndNamesThemInWarnings() {
        FlowEvent event = CollectingSink.parseFixture("flowlogs/vnet-v4-bad-tuples.json").events.get(1);

        assertThat(json(event)).isEqualTo(compact("""
                {"time":"2025-01-01T03:00:02.000Z","category":"FlowLogFlowEvent","kind":"flow_summary",
                 "sourceIp":"10.224.2.9","destinationPort":443,
                 "resourceId":"%s",
                 "warnings":["tuple field 3 (destination IP) 'not-an-ip' is not an IP address; left out",
                             "tuple field 4 (source port) '99999' is not a port number; left out",
                             "tuple field 6 (protocol) 'XYZ' is not a protocol (T, U or an IANA number); left out",
                             "tuple field 7 (direction) 'Q' is not a direction (I or O); left out",
                             "tuple field 8 (flow state) 'Z' is not a flow state (B, C, E or D); left out",
                             "tuple field 10 (packets src to dst) '-5' is not a count from 0 to 2^53; left out",
                             "tuple field 11 (bytes src to dst) '9007199254740993' is not a count from 0 to 2^53; left out",
                             "tuple field 12 (packets dst to src) 'abc' is not a count from 0 to 2^53; left out",
                             "tuple field 13 (bytes dst to src) '1.5' is not a count from 0 to 2^53; left out"],
                 "extras":{"aclId":"a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b","encryption":"NX","flowLogVersion":"4",
                           "macAddress":"00155D4A9C01","rule":"DefaultRule_AllowInternetOutBound"}}
                """.formatted(VNET)));
    }

    @Test
    void acceptsACounterOfExactly2To53() {
        FlowEvent event = CollectingSink.parse(vnetRecord("",
                "\"1735700402000,10.224.2.9,198.51.100.80,40000,443,6,O,C,NX,1,9007199254740992,0,\"")).events.get(0);

        assertThat(event.getBytesOut()).isEqualTo(9_007_199_254_740_992L);
        assertThat(event.getPacketsIn()).isZero();
        assertThat(event.getBytesIn()).isNull();
        assertThat(event.getWarnings()).isEmpty();
    }

    @Test
    void quarantinesARecordWithoutFlowRecordsAsOneEntry() {
        CollectingSink missing = CollectingSink.parse(
                "{\"records\":[{\"category\":\"FlowLogFlowEvent\",\"flowLogVersion\":4}]}");
        CollectingSink wrongType = CollectingSink.parse(
                "{\"records\":[{\"category\":\"FlowLogFlowEvent\",\"flowRecords\":[1,2]}]}");
        CollectingSink noFlows = CollectingSink.parse(
                "{\"records\":[{\"category\":\"FlowLogFlowEvent\",\"flowRecords\":{\"flows\":\"none\"}}]}");

        assertThat(missing.reasons()).containsExactly("FlowLogFlowEvent: flowRecords: missing");
        assertThat(missing.quarantined.get(0).raw())
                .isEqualTo("{\"category\":\"FlowLogFlowEvent\",\"flowLogVersion\":4}");
        assertThat(wrongType.reasons()).containsExactly("FlowLogFlowEvent: flowRecords: is not an object");
        assertThat(noFlows.reasons()).containsExactly("FlowLogFlowEvent: flowRecords.flows: is not an array");
        assertThat(missing.events).isEmpty();
    }

    @Test
    void quarantinesEachUnreadablePieceOnceAndReadsTheRest() {
        String body = "{\"category\":\"FlowLogFlowEvent\",\"targetResourceID\":\"vnet\",\"flowRecords\":{\"flows\":["
                + "\"text\","
                + "{\"aclID\":\"a\",\"flowGroups\":{\"rule\":\"r\"}},"
                + "{\"aclID\":\"b\",\"flowGroups\":[{\"rule\":\"no-tuples\"},7]},"
                + "{\"aclID\":\"c\",\"flowGroups\":[{\"rule\":\"ok\",\"flowTuples\":["
                + "\"1735700400,10.0.0.1,10.0.0.2,1000,80,6,O,E,NX,1,2,3,4\"]}]}]}}";

        CollectingSink entries = CollectingSink.parse(body);

        assertThat(entries.reasons()).containsExactly(
                "FlowLogFlowEvent: flowRecords.flows[0]: is not an object",
                "FlowLogFlowEvent: flowRecords.flows[1].flowGroups: is not an array",
                "FlowLogFlowEvent: flowRecords.flows[2].flowGroups[0].flowTuples: missing",
                "FlowLogFlowEvent: flowRecords.flows[2].flowGroups[1]: is not an object");
        assertThat(entries.quarantined.get(2).raw()).isEqualTo("{\"rule\":\"no-tuples\"}");
        assertThat(entries.events).hasSize(1);
        assertThat(entries.events.get(0).getExtras()).containsEntry("aclId", "c").containsEntry("rule", "ok");
        assertThat(entries.events.get(0).getResourceId()).isEqualTo("vnet");
    }

    @Test
    void readsAnUnknownFlowLogVersionWithTheVersion4LayoutAndSaysSo() {
        FlowEvent event = CollectingSink.parse(vnetRecord(",\"flowLogVersion\":5",
                "\"1735700400,10.0.0.1,10.0.0.2,1000,80,6,O,E,NX,1,2,3,4\"")).events.get(0);

        assertThat(event.getWarnings()).containsExactly("flowLogVersion '5' is not 4; tuples read as version 4");
        assertThat(event.getExtras()).containsEntry("flowLogVersion", "5");
    }

    @Test
    void leavesOutAnInvalidMacAddressWithAWarning() {
        FlowEvent event = CollectingSink.parse(vnetRecord(",\"macAddress\":\"00-15-5D-ZZ\"",
                "\"1735700400,10.0.0.1,10.0.0.2,1000,80,6,O,E,NX,1,2,3,4\"")).events.get(0);

        assertThat(event.getExtras()).doesNotContainKey("macAddress");
        assertThat(event.getWarnings()).containsExactly("macAddress '00-15-5D-ZZ' is not a MAC address; left out");
    }

    @Test
    void routesTheCategoryCaseInsensitivelyWritesItCanonicallyAndReadsMixedCaseKeys() {
        String body = "{\"Records\":[{\"Category\":\"flowlogflowevent\",\"TARGETRESOURCEID\":\"vnet-x\","
                + "\"FlowRecords\":{\"Flows\":[{\"AclId\":\"acl\",\"FlowGroups\":[{\"Rule\":\"r\",\"FlowTuples\":["
                + "\"1735700400,10.0.0.1,10.0.0.2,1000,80,6,o,c,NX,1,2,3,4\"]}]}]}}]}";

        CollectingSink entries = CollectingSink.parse(body);

        assertThat(entries.quarantined).isEmpty();
        FlowEvent event = entries.events.get(0);
        assertThat(event.getCategory()).isEqualTo("FlowLogFlowEvent");
        assertThat(event.getResourceId()).isEqualTo("vnet-x");
        assertThat(event.getFlowState()).isEqualTo(FlowState.continuing);
        assertThat(event.getExtras()).containsEntry("aclId", "acl").containsEntry("rule", "r");
    }

    @Test
    void everyFixtureEventSurvivesAnAvroRoundTrip() {
        var serde = io.outflow.schemas.binary.AvroBinarySerde.<FlowEvent>forSchema(FlowEvent.getClassSchema());
        for (String name : new String[] {"vnet-v4-pt1h-pretty.json", "vnet-v4-single-line.json",
            "vnet-v4-bad-tuples.json", "nsg-v1.json", "nsg-v2.json"}) {
            for (FlowEvent event : CollectingSink.parseFixture("flowlogs/" + name).events) {
                assertThat(json(serde.deserialize(serde.serialize(event)))).isEqualTo(json(event));
            }
        }
    }

    @Test
    void givesEqualEventIdsForDuplicateDeliveriesAndDistinctIdsForDistinctTuples() {
        CollectingSink first = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json");
        CollectingSink again = CollectingSink.parseFixture("flowlogs/vnet-v4-pt1h-pretty.json");

        assertThat(first.events).extracting(FlowEvent::getEventId)
                .containsExactlyElementsOf(again.events.stream().map(FlowEvent::getEventId).toList())
                .doesNotHaveDuplicates();
    }
}
