package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.BodyParser;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.SourceRef;
import io.outflow.schemas.FlowEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Feeds fixture bodies through the standard body parser, so that routing by category is covered too. */
final class FirewallFixtures {
    static final String FIREWALL = "/SUBSCRIPTIONS/7F3C1A52-9D4E-4B8A-A1C6-2E5F0B9D8C41/RESOURCEGROUPS/RG-AKS-EGRESS"
            + "/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-EGRESS-WEU";

    private static final BodyParser PARSER = BodyParser.standard();

    private FirewallFixtures() {
    }

    /** Every outcome of the fixture body {@code fixtures/firewall/<name>}. */
    static OutcomeSink parse(String name) {
        return parseBytes(name, read(name));
    }

    /** Every outcome of a body given as text. */
    static OutcomeSink parseText(String body) {
        return parseBytes("inline", body.getBytes(StandardCharsets.UTF_8));
    }

    /** The one event of a fixture holding one record that must give an event. */
    static FlowEvent onlyEvent(String name) {
        OutcomeSink sink = parse(name);
        assertThat(sink.quarantined).as("quarantined from %s", name).isEmpty();
        assertThat(sink.ignored).as("ignored from %s", name).isEmpty();
        assertThat(sink.events).as("events from %s", name).hasSize(1);
        return sink.events.get(0);
    }

    /** The one quarantine entry of a fixture holding one record that cannot give an event. */
    static QuarantineEntry onlyQuarantine(String name) {
        OutcomeSink sink = parse(name);
        assertThat(sink.events).as("events from %s", name).isEmpty();
        assertThat(sink.quarantined).as("quarantined from %s", name).hasSize(1);
        return sink.quarantined.get(0);
    }

    static String text(String name) {
        return new String(read(name), StandardCharsets.UTF_8);
    }

    private static OutcomeSink parseBytes(String source, byte[] body) {
        OutcomeSink sink = new OutcomeSink();
        PARSER.parse(body, new SourceRef(source, 0), sink);
        return sink;
    }

    private static byte[] read(String name) {
        String path = "/fixtures/firewall/" + name;
        try (InputStream in = FirewallFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
