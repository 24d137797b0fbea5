package io.outflow.ingest.hubble;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.Fixtures;
import io.outflow.schemas.FlowEvent;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Seeded random damage to Hubble lines: one outcome per line, and no exception reaches the parser error net. */
class HubbleRobustnessTest {
    private static final String[] REPLACEMENTS = {"null", "{}", "[]", "\"\"", "\"x\"", "-1", "1.5", "true",
        "99999999999999999999", "[1,\"k8s:a=b\",null]", "{\"TCP\":null}", "\"2025-03-14T16:30:00Z\""};

    @Test
    void damagedLinesGiveOneOutcomeEachAndNeverHitTheParserErrorNet() {
        Random random = new Random(314);
        List<String> lines = Stream.of("egress-internet.jsonl", "pod-to-pod.jsonl", "dropped.jsonl", "ipv6.jsonl",
                "dns.jsonl", "aggregated.jsonl", "host-network.jsonl")
                .flatMap(name -> Fixtures.text("hubble/" + name).lines())
                .filter(line -> !line.isBlank())
                .toList();
        int events = 0;
        int quarantined = 0;
        for (int round = 0; round < 1500; round++) {
            String line = damage(lines.get(random.nextInt(lines.size())), random);

            CollectingSink collected = CollectingSink.parse(line);

            assertThat(collected.counts().entries()).as(line).isEqualTo(1);
            assertThat(collected.reasons()).as(line).noneMatch(reason -> reason.contains("internal parser error"));
            collected.events.forEach(HubbleRobustnessTest::assertNoBlankValues);
            events += collected.events.size();
            quarantined += collected.quarantined.size();
        }
        assertThat(events).as("damaged lines that still gave events").isGreaterThan(300);
        assertThat(quarantined).as("damaged lines that were quarantined").isGreaterThan(100);
    }

    /** Replaces one JSON value after a random key with another value of any type, keeping the line valid JSON. */
    private static String damage(String line, Random random) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int colon = line.indexOf("\":", random.nextInt(line.length()));
            if (colon < 0) {
                continue;
            }
            int start = colon + 2;
            int end = valueEnd(line, start);
            if (end > start) {
                line = line.substring(0, start) + REPLACEMENTS[random.nextInt(REPLACEMENTS.length)]
                        + line.substring(end);
            }
        }
        return line;
    }

    /** The end of the JSON value starting at {@code start}. */
    private static int valueEnd(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return i;
                }
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    private static void assertNoBlankValues(FlowEvent event) {
        for (String value : new String[] {event.getSourceIp(), event.getDestinationIp(), event.getProtocol(),
            event.getCluster(), event.getDestinationFqdn()}) {
            assertThat(value).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isNotBlank());
        }
        assertThat(event.getExtras().values()).allSatisfy(v -> assertThat(v).isNotBlank());
        for (var identity : new io.outflow.schemas.WorkloadIdentity[] {event.getSource(), event.getDestination()}) {
            if (identity != null) {
                for (String value : new String[] {identity.getCluster(), identity.getNamespace(), identity.getPod(),
                    identity.getWorkload(), identity.getWorkloadKind(), identity.getNode(),
                    identity.getServiceAccount()}) {
                    assertThat(value).satisfiesAnyOf(v -> assertThat(v).isNull(), v -> assertThat(v).isNotBlank());
                }
            }
        }
    }
}
