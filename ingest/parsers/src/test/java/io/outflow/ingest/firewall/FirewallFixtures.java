package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.Fixtures;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;

/** The firewall fixtures fed through the standard body parser, so that routing by category is covered too. */
final class FirewallFixtures {
    static final String FIREWALL = "/SUBSCRIPTIONS/7F3C1A52-9D4E-4B8A-A1C6-2E5F0B9D8C41/RESOURCEGROUPS/RG-AKS-EGRESS"
            + "/PROVIDERS/MICROSOFT.NETWORK/AZUREFIREWALLS/FW-EGRESS-WEU";

    private FirewallFixtures() {
    }

    /** Every outcome of the fixture body {@code fixtures/firewall/<name>}. */
    static CollectingSink parse(String name) {
        return CollectingSink.parseFixture("firewall/" + name);
    }

    /** The one event of a fixture holding one record that must give an event. */
    static FlowEvent onlyEvent(String name) {
        CollectingSink sink = parse(name);
        assertThat(sink.quarantined).as("quarantined from %s", name).isEmpty();
        assertThat(sink.ignored).as("ignored from %s", name).isEmpty();
        assertThat(sink.events).as("events from %s", name).hasSize(1);
        return sink.events.get(0);
    }

    /** The one quarantine entry of a fixture holding one record that cannot give an event. */
    static QuarantineEntry onlyQuarantine(String name) {
        CollectingSink sink = parse(name);
        assertThat(sink.events).as("events from %s", name).isEmpty();
        assertThat(sink.quarantined).as("quarantined from %s", name).hasSize(1);
        return sink.quarantined.get(0);
    }

    static String text(String name) {
        return Fixtures.text("firewall/" + name);
    }
}
