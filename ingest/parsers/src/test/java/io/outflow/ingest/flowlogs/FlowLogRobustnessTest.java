package io.outflow.ingest.flowlogs;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.Fixtures;
import io.outflow.schemas.FlowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random damage: no exception escapes a parser, and every tuple still gets exactly one outcome. */
class FlowLogRobustnessTest {
    private static final String[] TOKENS = {"", " ", "-1", "x", "1.5", "99999999999999999999", "::", "::1",
        "1e3", "٣", "+", "O", "I", "B", "D", "T", "U", "17", "256", "10.0.0.1", "2001:db8::1", "1735700400",
        "1735700400000", "0", ",", "\\u0000"};

    @Test
    void everyMutatedTupleGivesExactlyOneOutcome() {
        Random random = new Random(20250101);
        String[] seeds = {
            "1735700400000,10.224.2.9,198.51.100.80,40000,443,6,O,E,NX,5,900,4,3000",
            "1735700400,10.10.0.4,203.0.113.9,49170,443,T,O,A,C,120,90210,95,1048576",
            "1735700400,10.10.0.4,203.0.113.9,49160,443,T,O,A"};
        int events = 0;
        int quarantined = 0;
        for (int round = 0; round < 400; round++) {
            List<String> tuples = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tuples.add(mutate(seeds[random.nextInt(seeds.length)], random));
            }
            String quoted = String.join(",", tuples.stream().map(FlowLogRobustnessTest::jsonString).toList());
            String vnet = "{\"category\":\"FlowLogFlowEvent\",\"flowLogVersion\":4,\"flowRecords\":{\"flows\":["
                    + "{\"flowGroups\":[{\"rule\":\"r\",\"flowTuples\":[" + quoted + "]}]}]}}";
            String nsg = "{\"category\":\"NetworkSecurityGroupFlowEvent\",\"properties\":{"
                    + (random.nextBoolean() ? "\"Version\":" + (1 + random.nextInt(3)) + "," : "")
                    + "\"flows\":[{\"rule\":\"r\",\"flows\":[{\"mac\":\"x\",\"flowTuples\":[" + quoted + "]}]}]}}";

            for (String body : List.of(vnet, nsg)) {
                CollectingSink entries = CollectingSink.parse(body);
                assertThat(entries.counts().entries()).as(body).isEqualTo(tuples.size());
                assertThat(entries.reasons()).noneMatch(reason -> reason.contains("internal parser error"));
                entries.events.forEach(FlowLogRobustnessTest::assertNoBlankValues);
                events += entries.events.size();
                quarantined += entries.quarantined.size();
            }
        }
        assertThat(events).as("mutated tuples that still gave events").isGreaterThan(1000);
        assertThat(quarantined).as("mutated tuples that were quarantined").isGreaterThan(1000);
    }

    @Test
    void damagedDocumentsNeverThrowAndNeverHitTheParserErrorNet() {
        Random random = new Random(7);
        List<String> documents = List.of(Fixtures.text("flowlogs/vnet-v4-pt1h-pretty.json"),
                Fixtures.text("flowlogs/nsg-v2.json"), Fixtures.text("flowlogs/vnet-v4-bad-tuples.json"));
        for (int round = 0; round < 600; round++) {
            StringBuilder text = new StringBuilder(documents.get(random.nextInt(documents.size())));
            for (int cuts = 1 + random.nextInt(3); cuts > 0; cuts--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, "{}[],:\"0x-".charAt(random.nextInt(10)));
                    default -> text.replace(at, Math.min(text.length(), at + 1 + random.nextInt(20)), "");
                }
            }
            CollectingSink entries = CollectingSink.parse(text.toString());
            assertThat(entries.counts().entries()).isGreaterThanOrEqualTo(0);
            assertThat(entries.reasons()).noneMatch(reason -> reason.contains("internal parser error"));
            entries.events.forEach(FlowLogRobustnessTest::assertNoBlankValues);
        }
    }

    private static String mutate(String tuple, Random random) {
        String[] fields = tuple.split(",", -1);
        int changes = random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            fields[random.nextInt(fields.length)] = TOKENS[random.nextInt(TOKENS.length)];
        }
        String joined = String.join(",", fields);
        if (random.nextInt(8) == 0) {
            joined = joined + ",";
        }
        return joined;
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void assertNoBlankValues(FlowEvent event) {
        for (String value : new String[] {event.getSourceIp(), event.getDestinationIp(), event.getProtocol(),
            event.getResourceId(), event.getCluster(), event.getDestinationFqdn()}) {
            assertThat(value).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isNotBlank());
        }
        assertThat(event.getExtras().values()).allSatisfy(v -> assertThat(v).isNotBlank());
    }
}
