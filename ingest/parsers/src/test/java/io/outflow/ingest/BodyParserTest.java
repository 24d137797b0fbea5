package io.outflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyParserTest {
    private final BodyParser parser = new BodyParser(List.of(new EchoParser()),
            new ParseLimits(1 << 20, 200, 16, 1 << 16, 40, 64));

    private CollectingSink parse(String body) {
        CollectingSink sink = new CollectingSink();
        parser.parse(body.getBytes(StandardCharsets.UTF_8), new SourceRef("test.jsonl", 100), sink);
        return sink;
    }

    @Test
    void readsRecordsEnvelopeBareArrayAndSingleRecordAlike() {
        String record = "{\"category\":\"Echo\",\"time\":\"2026-01-02T03:04:05Z\",\"properties\":{\"src\":\"10.0.0.1\"}}";

        assertThat(parse("{\"records\":[" + record + "," + record + "]}").events).hasSize(2);
        assertThat(parse("[" + record + "]").events).hasSize(1);
        assertThat(parse(record).events).singleElement()
                .satisfies(e -> assertThat(e.getSourceIp()).isEqualTo("10.0.0.1"));
    }

    @Test
    void routesEachRecordOnItsOwnCategoryCaseInsensitively() {
        CollectingSink sink = parse("{\"Records\":["
                + "{\"Category\":\"echo\",\"Time\":\"2026-01-02T03:04:05Z\"},"
                + "{\"category\":\"Mystery\",\"time\":\"2026-01-02T03:04:05Z\"},"
                + "{\"category\":\"AZFWNetworkRuleAggregation\"},"
                + "{\"time\":\"2026-01-02T03:04:05Z\"},"
                + "42]}");

        assertThat(sink.events).hasSize(1);
        assertThat(sink.ignored).containsExactly("AZFWNetworkRuleAggregation");
        assertThat(sink.quarantined).extracting(QuarantineEntry::reason).containsExactly(
                "category: unknown category 'Mystery'", "category: missing", "record is not a JSON object");
        assertThat(sink.quarantined.get(0).category()).isEqualTo("Mystery");
    }

    @Test
    void quarantinesARecordWithItsOwnRawTextAndOffset() {
        String bad = "{\"category\":\"Echo\",\"time\":\"1/9/2007 9:41:00 AM\"}";
        String body = "{\"records\":[" + bad + "]}";

        QuarantineEntry entry = parse(body).quarantined.get(0);

        assertThat(entry.raw()).isEqualTo(bad);
        assertThat(entry.offset()).isEqualTo(100 + body.indexOf(bad));
        assertThat(entry.reason()).isEqualTo("Echo: time unsupported time format");
        assertThat(entry.rawLength()).isEqualTo(bad.length());
        assertThat(entry.rawSha256()).hasSize(64);
    }

    @Test
    void brokenJsonIsOneQuarantinedEntryNamingTheProblem() {
        CollectingSink sink = parse("{\"records\":[{\"category\":\"Echo\",}]}");

        assertThat(sink.outcomes()).isEqualTo(1);
        assertThat(sink.quarantined.get(0).reason()).startsWith("invalid JSON: Unexpected character ('}'")
                .contains("line 1, column");
    }

    @Test
    void guardsAgainstOversizedRecordsDeepNestingAndInvalidUtf8() {
        String big = "{\"category\":\"Echo\",\"time\":\"2026-01-02T03:04:05Z\",\"pad\":\"" + "x".repeat(300) + "\"}";
        assertThat(parse(big).quarantined).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("record of 358 bytes").endsWith("exceeds the limit of 200 bytes"));

        assertThat(parse("[".repeat(40) + "]".repeat(40)).quarantined).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("nesting depth"));

        CollectingSink sink = new CollectingSink();
        byte[] invalid = {'{', '"', 'c', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        parser.parse(invalid, new SourceRef("x", 0), sink);
        assertThat(sink.quarantined).singleElement()
                .satisfies(q -> assertThat(q.reason()).contains("Invalid UTF-8"));
    }

    @Test
    void countsHubbleExporterLinesThatAreNotFlowsAsIgnored() {
        CollectingSink sink = parse("{\"lost_events\":{\"source\":\"HUBBLE_RING_BUFFER\",\"num_events_lost\":3},"
                + "\"node_name\":\"aks/node-1\",\"time\":\"2026-01-02T03:04:05Z\"}");

        assertThat(sink.ignored).containsExactly("HubbleLostEvents");
        assertThat(sink.quarantined).isEmpty();
    }

    @Test
    void anEmptyRecordsArrayHasNoEntries() {
        assertThat(parse("{\"records\":[]}").outcomes()).isZero();
    }

    @Test
    void duplicateDeliveriesGetEqualEventIds() {
        String record = "{\"category\":\"Echo\",\"time\":\"2026-01-02T03:04:05.1234567Z\",\"properties\":{\"src\":\"10.0.0.1\"}}";
        String other = record.replace("10.0.0.1", "10.0.0.2");

        String a = parse(record).events.get(0).getEventId();
        String b = parse(record).events.get(0).getEventId();
        String c = parse(other).events.get(0).getEventId();

        assertThat(a).hasSize(32).isEqualTo(b).isNotEqualTo(c);
    }
}
