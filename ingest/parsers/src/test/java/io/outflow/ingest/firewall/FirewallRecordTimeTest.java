package io.outflow.ingest.firewall;

import static io.outflow.ingest.firewall.FirewallFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The record time is the envelope's {@code time}, matched in any case, in ISO-8601 only. */
class FirewallRecordTimeTest {

    @Test
    void isoTimesAreReadAndOtherFormsAreQuarantined() {
        CollectingSink sink = parse("time-forms.json");

        assertThat(sink.outcomes()).isEqualTo(7);
        assertThat(sink.events).extracting(FlowEvent::getTime).containsExactly(
                Instant.parse("2025-02-12T11:00:00Z"),
                Instant.parse("2025-02-12T11:00:00.535Z"),
                Instant.parse("2025-02-12T11:00:00Z"));
        assertThat(sink.events.get(0).getWarnings())
                .containsExactly("time '2025-02-12T11:00:00' has no zone; read as UTC");
        assertThat(sink.events.get(1).getWarnings()).isEmpty();
        assertThat(sink.events.get(2).getWarnings()).isEmpty();
        assertThat(sink.quarantined).extracting(QuarantineEntry::reason).containsExactly(
                "AzureFirewallNetworkRule: time '2/12/2025 11:00:00 AM' is in an unsupported time format",
                "AzureFirewallNetworkRule: time '12/02/2025 11:00:00' is in an unsupported time format",
                "AzureFirewallNetworkRule: time '2/12/2025 11:00:00 AM +01:00' is in an unsupported time format",
                "AzureFirewallNetworkRule: time '2025-02-12 11:00:00Z' is in an unsupported time format");
    }

    @Test
    void recordWithoutTimeIsQuarantined() {
        CollectingSink sink = CollectingSink.parse("""
                {"category":"AZFWFatFlow","properties":{"SourceIp":"10.244.2.31","FlowRate":12.5}}""");

        assertThat(sink.events).isEmpty();
        assertThat(sink.quarantined).extracting(QuarantineEntry::reason)
                .containsExactly("AZFWFatFlow: time missing");
    }

    @Test
    void timeKeyMatchesInAnyCase() {
        CollectingSink sink = CollectingSink.parse("""
                {"category":"AZFWFatFlow","TIME":"2025-02-11T09:00:00+02:00",
                 "properties":{"SourceIp":"10.244.2.31","FlowRate":12.5}}""");

        assertThat(sink.events).extracting(FlowEvent::getTime)
                .containsExactly(Instant.parse("2025-02-11T07:00:00Z"));
    }

    @Test
    void numericTimeIsNotGuessedAtButQuarantined() {
        CollectingSink sink = CollectingSink.parse("""
                {"category":"AZFWFatFlow","time":1739264400,"properties":{"SourceIp":"10.244.2.31"}}""");

        assertThat(sink.quarantined).extracting(QuarantineEntry::reason)
                .containsExactly("AZFWFatFlow: time '1739264400' is in an unsupported time format");
    }
}
