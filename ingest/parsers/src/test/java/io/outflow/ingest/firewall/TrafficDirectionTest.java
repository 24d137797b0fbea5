package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.FlowEvents;
import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficDirectionTest {

    @ParameterizedTest(name = "{0}: {1} -> {2} is {3}")
    @CsvSource(nullValues = "null", textBlock = """
            connection,   10.244.1.5,     203.0.113.9,   outbound
            connection,   10.244.1.5,     10.60.0.5,     outbound
            connection,   10.244.1.5,     null,          outbound
            connection,   203.0.113.9,    10.244.1.5,    inbound
            connection,   203.0.113.9,    198.51.100.1,  outbound
            idps,         198.51.100.7,   172.16.4.4,    inbound
            threat_intel, 2001:db8::7,    fd00::5,       inbound
            threat_intel, fd00::5,        2001:db8::7,   outbound
            nat,          198.51.100.7,   203.0.113.5,   inbound
            dns_query,    10.244.0.10,    null,          outbound
            """)
    void flowsAreOutboundUnlessTheyComeFromOutsideOrAreDnat(FlowKind kind, String source, String destination,
                                                            Direction expected) {
        FlowEvent event = FlowEvents.draft("AZFWNetworkRule", kind, 0L);
        event.setSourceIp(source);
        event.setDestinationIp(destination);

        assertThat(TrafficDirection.of(event)).isEqualTo(expected);
    }
}
