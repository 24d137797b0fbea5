package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.outflow.schemas.FlowKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The grammar of legacy rule lines, head and labelled tail, taken on its own. */
class RuleMessageTest {

    @Test
    void labelsMayComeInAnyOrderAndUrlMayPrecedeTheAction() {
        RuleMessage m = RuleMessage.parse("HTTP request from 10.0.0.1:5 to a.example:80. Url: a.example/x. "
                + "Action: Deny. Rule: r. Policy: p");

        assertThat(m.labels()).containsExactly(Map.entry("Url", "a.example/x"), Map.entry("Action", "Deny"),
                Map.entry("Rule", "r"), Map.entry("Policy", "p"));
        assertThat(m.action()).isEqualTo("Deny");
        assertThat(m.freeText()).isNull();
        assertThat(m.kind()).isEqualTo(FlowKind.connection);
    }

    @Test
    void longestLabelWinsSoThatRuleCollectionGroupIsNotARule() {
        RuleMessage m = RuleMessage.parse("TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: Allow. "
                + "Rule Collection Group: g. Rule Collection: c. Rule: r");

        assertThat(m.labels()).containsOnly(Map.entry("Action", "Allow"), Map.entry("Rule Collection Group", "g"),
                Map.entry("Rule Collection", "c"), Map.entry("Rule", "r"));
    }

    @Test
    void textAfterTheActionWordIsFreeText() {
        RuleMessage m = RuleMessage.parse("HTTPS request from 10.0.0.1:5 to a.example:443. Action: Deny. "
                + "No rule matched. Proceeding with default action");

        assertThat(m.action()).isEqualTo("Deny");
        assertThat(m.freeText()).isEqualTo("No rule matched. Proceeding with default action");
    }

    @Test
    void dnatLineNeedsNoAction() {
        RuleMessage m = RuleMessage.parse("UDP request from 198.51.100.1:5 to 203.0.113.1:53 was DNAT'ed to "
                + "10.0.0.9:53");

        assertThat(m.kind()).isEqualTo(FlowKind.nat);
        assertThat(m.translated()).isEqualTo(new HostPort("10.0.0.9", "53"));
        assertThat(m.action()).isNull();
    }

    @Test
    void signatureMakesAnIdpsLineAndThreatIntelAThreatIntelLine() {
        assertThat(RuleMessage.parse("TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: alert. Signature: 1")
                .kind()).isEqualTo(FlowKind.idps);
        assertThat(RuleMessage.parse("TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: Deny. ThreatIntel: x")
                .kind()).isEqualTo(FlowKind.threat_intel);
    }

    @Test
    void emptyLabelValueIsLeftOut() {
        RuleMessage m = RuleMessage.parse("HTTPS request from 10.0.0.1:5 to a.example:443. Action: Allow. "
                + "Web Category: ");

        assertThat(m.labels()).containsOnlyKeys("Action");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "TCP request from 10.0.0.1:5 to 10.0.0.2:6",
        "TCP request from 10.0.0.1:5 to 10.0.0.2:6. Something happened. Action: Allow",
        "TCP request from 10.0.0.1:5 to 10.0.0.2:6 somewhere. Action: Allow",
        "TCP request from 10.0.0.1:x to 10.0.0.2:6. Action: Allow",
        "TCP request from [10.0.0.1:5 to 10.0.0.2:6. Action: Allow",
        "TCP request to 10.0.0.2:6. Action: Allow",
        "request from 10.0.0.1:5 to 10.0.0.2:6. Action: Allow",
        "TCP request from 10.0.0.1:5 to 10.0.0.2:6 was DNAT'ed to nowhere:x"
    })
    void linesOfNoKnownFormGiveNothing(String msg) {
        assertThat(RuleMessage.parse(msg)).isNull();
    }

    @Test
    void messagesLongerThanAnyKnownFormGiveNothing() {
        String padding = " ".repeat(RuleMessage.MAX_LENGTH);
        assertThat(RuleMessage.parse("TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: Allow." + padding))
                .isNull();
    }

    @Test
    void hostileMessagesAreReadInLinearTime() {
        String tokens = "a".repeat(RuleMessage.MAX_LENGTH - 40);
        String dots = ". Rule: x".repeat((RuleMessage.MAX_LENGTH - 60) / 9);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 200; i++) {
                RuleMessage.parse("TCP request from " + tokens + " to x");
                RuleMessage.parse("TCP request from 10.0.0.1:5 to 10.0.0.2:6. Action: Allow" + dots);
                RuleMessage.parse("TCP    request from  " + " to ".repeat(2000));
                DnsProxyMessage.parse("DNS Request: " + "1 ".repeat(4000));
                DnsProxyMessage.parse(" Error: 2 a A: " + "udp a->".repeat(1100));
            }
        });
    }
}
