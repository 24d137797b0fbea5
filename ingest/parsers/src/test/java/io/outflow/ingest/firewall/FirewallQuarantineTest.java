package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.CollectingSink;
import io.outflow.ingest.QuarantineEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A record is quarantined only when it cannot give an event, with a reason naming the category, the field and the
 * problem; and then it gives no event.
 */
class FirewallQuarantineTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"category":"AZFWNetworkRule","time":"2025-02-11T08:00:00Z"}                                              | AZFWNetworkRule: properties missing
            {"category":"AZFWNetworkRule","time":"2025-02-11T08:00:00Z","properties":"Allow"}                         | AZFWNetworkRule: properties missing
            {"category":"AZFWNetworkRule","time":"2025-02-11T08:00:00Z","properties":{"Action":"Allow"}}              | AZFWNetworkRule: SourceIp missing
            {"category":"AZFWNatRule","time":"2025-02-11T08:00:00Z","properties":{"SourceIp":null}}                   | AZFWNatRule: SourceIp missing
            {"category":"AZFWFlowTrace","time":"2025-02-11T08:00:00Z","properties":{"SourceIp":"  "}}                 | AZFWFlowTrace: SourceIp empty
            {"category":"AZFWDnsQuery","time":"2025-02-11T08:00:00Z","properties":{"SourceIp":"10.0.0.256"}}          | AZFWDnsQuery: SourceIp '10.0.0.256' is not an IP address
            {"category":"AZFWFatFlow","time":"2025-02-11T08:00:00Z","properties":{"SourceIp":42}}                     | AZFWFatFlow: SourceIp '42' is not an IP address
            {"category":"AZFWIdpsSignature","time":"2025-02-11T08:00:00Z","properties":{"SourceIp":"10.0.0.5:443"}}   | AZFWIdpsSignature: SourceIp '10.0.0.5:443' is not an IP address
            {"category":"AZFWApplicationRule","time":"2025-02-11 08:00","properties":{"SourceIp":"10.0.0.5"}}         | AZFWApplicationRule: time '2025-02-11 08:00' is in an unsupported time format
            {"category":"AzureFirewallNetworkRule","time":"2025-02-11T08:00:00Z"}                                     | AzureFirewallNetworkRule: properties.msg missing
            {"category":"AzureFirewallNetworkRule","time":"2025-02-11T08:00:00Z","properties":{"msg":""}}             | AzureFirewallNetworkRule: properties.msg missing
            {"category":"AzureFirewallNetworkRule","time":"2025-02-11T08:00:00Z","properties":{"msg":"TCP request from 10.0.0.5:1 to 10.0.0.6:2."}} | AzureFirewallNetworkRule: msg matches no known form
            {"category":"AzureFirewallNetworkRule","time":"2025-02-11T08:00:00Z","properties":{"msg":"TCP request from 10.0.0.5:http to 10.0.0.6:2. Action: Allow"}} | AzureFirewallNetworkRule: msg matches no known form
            {"category":"AzureFirewallApplicationRule","time":"2025-02-11T08:00:00Z","properties":{"msg":"DNS Request: 10.0.0.5:1 - 1 A IN a.example. udp 1 false 512 NOERROR - 0 0.1s"}} | AzureFirewallApplicationRule: msg matches no known form
            {"category":"AzureFirewallDnsProxy","time":"2025-02-11T08:00:00Z","properties":{"msg":"HTTPS request from 10.0.0.5:1 to a.example:443. Action: Allow"}} | AzureFirewallDnsProxy: msg matches no known form
            {"category":"AzureFirewallDnsProxy","time":"2025-02-11T08:00:00Z","properties":{"msg":"DNS Request: coredns:53 - 1 A IN a.example. udp 1 false 512 NOERROR - 0 0.1s"}} | AzureFirewallDnsProxy: msg source address 'coredns' is not an IP address
            """)
    void recordThatCannotGiveAnEventIsQuarantinedWithItsReason(String record, String reason) {
        CollectingSink sink = CollectingSink.parse(record);

        assertThat(sink.events).isEmpty();
        assertThat(sink.quarantined).extracting(QuarantineEntry::reason).containsExactly(reason);
        assertThat(sink.quarantined.get(0).raw()).isEqualTo(record);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"category":"AZFWFqdnResolveFailure","time":"2025-02-11T08:00:00Z","properties":{"Fqdn":"a.example"}}
            {"category":"AZFWFqdnResolveFailure","time":"2025-02-11T08:00:00Z","properties":{}}
            {"category":"AzureFirewallDnsProxy","time":"2025-02-11T08:00:00Z","properties":{"msg":"Error: 3 a.example. A: no such host"}}
            """)
    void firewallsOwnLookupsGiveAnEventWithoutSource(String record) {
        CollectingSink sink = CollectingSink.parse(record);

        assertThat(sink.quarantined).isEmpty();
        assertThat(sink.events).hasSize(1);
        assertThat(sink.events.get(0).getSourceIp()).isNull();
        assertThat(sink.events.get(0).getDirection()).isNull();
    }
}
