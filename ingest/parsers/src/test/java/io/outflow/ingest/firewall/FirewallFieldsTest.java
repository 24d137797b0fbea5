package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.FlowEvents;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FirewallFieldsTest {

    private static FlowEvent draft() {
        return FlowEvents.draft("AZFWNetworkRule", FlowKind.connection, 0L);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Allow, allow
            ALLOW, allow
            Deny,  deny
            deny,  deny
            Drop,  deny
            drop,  deny
            Alert, alert
            alert, alert
            """)
    void actionIsReadInAnyCaseAndDropIsADeny(String text, FlowAction expected) {
        FlowEvent event = draft();
        FirewallFields.action(event, text, "Action");

        assertThat(event.getAction()).isEqualTo(expected);
        assertThat(event.getWarnings()).isEmpty();
    }

    @Test
    void unknownActionIsLeftOutWithAWarning() {
        FlowEvent event = draft();
        FirewallFields.action(event, "Log", "Action");

        assertThat(event.getAction()).isNull();
        assertThat(event.getWarnings()).containsExactly("Action 'Log' is not a known action; left out");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", textBlock = """
            TCP,    TCP,    null
            udp,    UDP,    null
            Icmp,   ICMP,   null
            ICMPv6, ICMPv6, null
            6,      TCP,    null
            58,     ICMPv6, null
            47,     47,     null
            HTTP,   TCP,    HTTP
            https,  TCP,    HTTPS
            Mssql,  TCP,    MSSQL
            """)
    void protocolTakesTheContractFormAndApplicationProtocolsRunOverTcp(String token, String protocol,
                                                                       String applicationProtocol) {
        FlowEvent event = draft();
        FirewallFields.protocol(event, token, "Protocol");

        assertThat(event.getProtocol()).isEqualTo(protocol);
        assertThat(event.getExtras().get("applicationProtocol")).isEqualTo(applicationProtocol);
        assertThat(event.getWarnings()).isEmpty();
    }

    @Test
    void unknownProtocolIsLeftOutWithAWarning() {
        FlowEvent event = draft();
        FirewallFields.protocol(event, "Any", "Protocol");

        assertThat(event.getProtocol()).isNull();
        assertThat(event.getWarnings()).containsExactly("Protocol 'Any' is not a known protocol; left out");
    }

    @Test
    void destinationHostThatIsAnAddressFillsTheDestinationIpUnlessOneIsKnown() {
        FlowEvent event = draft();
        FirewallFields.destinationHost(event, "2001:DB8::1", "Fqdn");
        assertThat(event.getDestinationIp()).isEqualTo("2001:db8::1");
        assertThat(event.getDestinationFqdn()).isNull();

        FirewallFields.destinationHost(event, "192.0.2.1", "Fqdn");
        assertThat(event.getDestinationIp()).isEqualTo("2001:db8::1");
    }

    @Test
    void destinationHostThatIsNeitherNameNorAddressIsLeftOutWithAWarning() {
        FlowEvent event = draft();
        FirewallFields.destinationHost(event, "<redacted>", "Fqdn");

        assertThat(event.getDestinationFqdn()).isNull();
        assertThat(event.getWarnings()).containsExactly("Fqdn '<redacted>' is not a host name or IP address; left out");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", textBlock = """
            Api.Example.COM.,         api.example.com
            _ldap._tcp.dc.example,    _ldap._tcp.dc.example
            *.blob.example.net,       *.blob.example.net
            xn--bcher-kva.example,    xn--bcher-kva.example
            a..example,               null
            a.example:443,            null
            a b.example,              null
            .,                        null
            """)
    void hostNamesAreLowerCasedWithoutTrailingDotOrRefused(String text, String expected) {
        assertThat(FirewallFields.hostName(text)).isEqualTo(expected);
    }

    @Test
    void hostNamesLongerThanDnsAllowsAreRefused() {
        assertThat(FirewallFields.hostName("a".repeat(64) + ".example")).isNull();
        assertThat(FirewallFields.hostName(("a".repeat(60) + ".").repeat(5) + "example")).isNull();
    }
}
