package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outflow.ingest.BodyParser;
import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.SourceRef;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a firewall record holds, it gives exactly one outcome: an event whose values are never blank, or a
 * quarantine entry with a reason of its own — never an exception, never an "internal parser error".
 */
class FirewallRecordsNeverEscapeTest {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final BodyParser PARSER = BodyParser.standard();

    private static final List<String> STRUCTURED = List.of("AZFWNetworkRule", "AZFWApplicationRule", "AZFWNatRule",
            "AZFWThreatIntel", "AZFWIdpsSignature", "AZFWDnsQuery", "AZFWFqdnResolveFailure", "AZFWFatFlow",
            "AZFWFlowTrace");
    private static final List<String> PROPERTY_KEYS = List.of("Action", "ActionReason", "SourceIp", "SourcePort",
            "DestinationIp", "DestinationPort", "Protocol", "Policy", "RuleCollectionGroup", "RuleCollection", "Rule",
            "Fqdn", "TargetUrl", "Url", "WebCategory", "IsTlsInspected", "IsExplicitProxyRequest", "TranslatedIp",
            "TranslatedPort", "ThreatDescription", "Category", "Description", "Severity", "SignatureId", "QueryId",
            "QueryName", "QueryType", "QueryClass", "RequestSize", "ResponseSize", "EDNS0BufferSize", "DnssecOkBit",
            "ResponseCode", "ResponseFlags", "RequestDurationSecs", "ErrorNumber", "ErrorMessage", "Error",
            "ServerIp", "ServerPort", "FlowRate", "Flag");
    /** Pieces of the legacy grammars, so that random messages come close to the known forms. */
    private static final List<String> MSG_PIECES = List.of("TCP", "UDP", "HTTPS", "HTTP ", "ICMP Type=8",
            " request from ", " to ", " was DNAT'ed to ", "10.0.0.1", "[fd00::1]", "fd00::1", "a.example", ":", ":443",
            ":", ".", "..", ". ", " ", "Action: ", "Allow", "drop", "alert", ". Rule: ", ". Rule Collection: ",
            ". Rule Collection Group: ", ". Policy: ", ". Web Category: ", ". Url: ", ". Signature: ", ". IDS: ",
            ". Priority: ", ". Classification: ", ". ThreatIntel: ", ". Reason: ", "DNS Request: ", " - ", " \u2013 ",
            "A", "IN", "udp", "false", "512", "NOERROR", "-", "0.001s", "Error: 2 ", "read udp ", "->", "i/o timeout",
            "\u0000", "\u00e9", "\n", "99999999999999999999");

    /** Lines of each known form, which edits then bend and break. */
    private static final List<String> TEMPLATES = List.of(
            "TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: Allow. Policy: p. Rule Collection Group: g. "
                    + "Rule Collection: c. Rule: r",
            "ICMP Type=8 request from fd00::1 to 2001:db8::1. Action: Deny. ",
            "ICMP request from 10.0.0.1: to 10.0.0.2:. Action: alert. Signature: 1. IDS: x. Priority: 3. "
                    + "Classification: y",
            "HTTP  request from 10.0.0.1:5 to a.example:80. Url: a.example/x?y. Action: Deny. ThreatIntel: t",
            "TCP request from [fd00::1]:5 to [2001:db8::2]:6 was DNAT'ed to 10.0.0.9:7. Rule Collection: c. Rule: r",
            "HTTPS request from 10.0.0.1:5. Action: Deny. Reason: SNI TLS extension was missing.",
            "HTTPS request from 10.0.0.1:5 to a.example:443. Action: Deny. No rule matched. Proceeding",
            "DNS Request: 10.0.0.1:5 - 6 A IN a.example. udp 45 false 512 NOERROR qr,rd,ra 120 0.0015s",
            "DNS Request: [fd00::1]:5 \u2013 6 AAAA IN a.example. tcp 45 TRUE 512 SERVFAIL - 0 2s",
            " Error: 2 a.example. A: read udp 10.0.0.1:5->10.0.0.2:53: i/o timeout");

    /** One edit of a line: insert a piece, or delete a run, at a position. */
    record Edit(int position, boolean delete, int length, String piece) {
        String apply(String line) {
            int at = Math.floorMod(position, line.length() + 1);
            if (delete) {
                return line.substring(0, at) + line.substring(Math.min(line.length(), at + 1 + length));
            }
            return line.substring(0, at) + piece + line.substring(at);
        }
    }

    @Provide
    Arbitrary<String> messages() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(MSG_PIECES),
                Arbitraries.strings().ofMaxLength(6), Arbitraries.strings().numeric().ofMaxLength(6));
        Arbitrary<String> assembled = piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers(), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 12), piece).as(Edit::new);
        Arbitrary<String> edited = Combinators.combine(Arbitraries.of(TEMPLATES), edit.list().ofMaxSize(3))
                .as((line, edits) -> {
                    String result = line;
                    for (Edit e : edits) {
                        result = e.apply(result);
                    }
                    return result;
                });
        return Arbitraries.frequencyOf(Tuple.of(1, assembled), Tuple.of(3, edited));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "<redacted>", "10.0.0.1", "fd00::1", "2001:DB8::1", "a.example.", "443",
                        "-1", "65536", "TCP", "https", "ALLOW", "Drop", "alert", "true", "http://u:p@a.example/?q=1"),
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.longs(),
                Arbitraries.doubles(),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.just(NULL),
                Arbitraries.just(List.of(1, "x")),
                Arbitraries.just(Map.of("nested", "object")));
    }

    @Property(tries = 500)
    void anyLegacyMessageGivesOneOutcome(
            @ForAll("messages") String msg,
            @ForAll("legacyCategories") String category) {
        String body = json(g -> {
            g.writeStartObject();
            g.writeStringField("category", category);
            g.writeStringField("time", "2025-02-11T08:00:00Z");
            g.writeObjectFieldStart("properties");
            g.writeStringField("msg", msg);
            g.writeEndObject();
            g.writeEndObject();
        });
        assertOneSoundOutcome(body);
    }

    @Property(tries = 500)
    void anyStructuredPropertiesGiveOneOutcome(
            @ForAll("structuredCategories") String category,
            @ForAll("propertyMaps") Map<String, Object> properties) {
        String body = json(g -> {
            g.writeStartObject();
            g.writeStringField("category", category);
            g.writeStringField("time", "2025-02-11T08:00:00Z");
            g.writeFieldName("properties");
            write(g, properties);
            g.writeEndObject();
        });
        assertOneSoundOutcome(body);
    }

    @Provide
    Arbitrary<String> legacyCategories() {
        return Arbitraries.of("AzureFirewallNetworkRule", "AzureFirewallApplicationRule", "AzureFirewallDnsProxy");
    }

    @Provide
    Arbitrary<String> structuredCategories() {
        return Arbitraries.of(STRUCTURED);
    }

    @Provide
    Arbitrary<Map<String, Object>> propertyMaps() {
        Arbitrary<Map<String, Object>> random = Arbitraries.maps(Arbitraries.of(PROPERTY_KEYS), values())
                .ofMaxSize(PROPERTY_KEYS.size());
        // mostly with a valid source, so that the rest of the record is read rather than refused at once
        return Combinators.combine(random, Arbitraries.of("10.244.1.5", "FD00::5", "<redacted>"),
                Arbitraries.integers().between(0, 9)).as((properties, source, roll) -> {
                    Map<String, Object> withSource = new java.util.HashMap<>(properties);
                    if (roll < 8) {
                        withSource.put("SourceIp", source);
                    }
                    return withSource;
                });
    }

    private static void assertOneSoundOutcome(String body) {
        CollectingSink sink = new CollectingSink();
        PARSER.parse(body.getBytes(StandardCharsets.UTF_8), new SourceRef("property", 0), sink);

        assertThat(sink.outcomes()).as(body).isEqualTo(1);
        Statistics.collect(sink.events.isEmpty() ? "quarantined" : "event");
        for (QuarantineEntry q : sink.quarantined) {
            assertThat(q.reason()).as(body).doesNotStartWith("internal parser error")
                    .startsWith(q.category() + ": ");
        }
        for (FlowEvent e : sink.events) {
            assertThat(e.getEventId()).matches("[0-9a-f]{32}");
            assertThat(e.getExtras().values()).as(body).allSatisfy(v -> assertThat(v).isNotBlank());
            assertThat(List.of(nullToX(e.getSourceIp()), nullToX(e.getDestinationIp()),
                    nullToX(e.getDestinationFqdn()), nullToX(e.getProtocol()))).as(body)
                    .allSatisfy(v -> assertThat(v).isNotBlank());
            if (e.getSourcePort() != null) {
                assertThat(e.getSourcePort()).isBetween(0, 65_535);
            }
            if (e.getDestinationPort() != null) {
                assertThat(e.getDestinationPort()).isBetween(0, 65_535);
            }
        }
    }

    private static String nullToX(String s) {
        return s == null ? "x" : s;
    }

    private static final Object NULL = new Object();

    private interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(JsonWriting writing) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        if (value == NULL) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNumber(0.5);
            } else {
                g.writeNumber(d);
            }
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                g.writeFieldName(String.valueOf(entry.getKey()));
                write(g, entry.getValue());
            }
            g.writeEndObject();
        }
    }
}
