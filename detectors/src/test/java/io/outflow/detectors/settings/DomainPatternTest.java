package io.outflow.detectors.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DomainPatternTest {

    @Test
    void exactNameMatchesOnlyItself() {
        DomainPattern p = DomainPattern.parse("Example.com.");
        assertThat(p.matches("example.com")).isTrue();
        assertThat(p.matches("EXAMPLE.COM.")).isTrue();
        assertThat(p.matches("www.example.com")).isFalse();
        assertThat(p.matches("notexample.com")).isFalse();
    }

    @Test
    void wildcardMeansSubdomainsOnly() {
        DomainPattern p = DomainPattern.parse("*.example.com");
        assertThat(p.matches("a.example.com")).isTrue();
        assertThat(p.matches("a.b.example.com")).isTrue();
        assertThat(p.matches("example.com")).isFalse();
        assertThat(p.matches("badexample.com")).isFalse();
        assertThat(p.matches(null)).isFalse();
    }

    @Test
    void refusesWhatIsNotOneOfTheTwoForms() {
        assertThatThrownBy(() -> DomainPattern.parse("example.*")).hasMessageContaining("'*' is allowed only as the "
                + "first label, got 'example.*'");
        assertThatThrownBy(() -> DomainPattern.parse("*example.com")).hasMessageContaining("first label");
        assertThatThrownBy(() -> DomainPattern.parse("*.com")).hasMessage("'*.com' would allow every name under "
                + "the public suffix 'com'; name the domain (*.example.com)");
        assertThatThrownBy(() -> DomainPattern.parse("*.co.uk")).hasMessageContaining("public suffix 'co.uk'");
        assertThatThrownBy(() -> DomainPattern.parse("10.1.2.3")).hasMessage("is an address: list it under cidrs, got "
                + "'10.1.2.3'");
        assertThatThrownBy(() -> DomainPattern.parse("bad name.com")).hasMessageContaining("must be a domain name");
    }

    @Test
    void addressBlocksMatchByPrefixAndRefuseHostBits() {
        AddressBlock block = AddressBlock.parse("203.0.113.0/24");
        assertThat(block.contains("203.0.113.255")).isTrue();
        assertThat(block.contains("203.0.114.1")).isFalse();
        assertThat(block.contains("not-an-ip")).isFalse();
        assertThat(block.contains("2001:db8::1")).isFalse();
        assertThat(AddressBlock.parse("198.51.100.7").contains("198.51.100.7")).isTrue();
        assertThat(AddressBlock.parse("198.51.100.7").text()).isEqualTo("198.51.100.7/32");
        assertThat(AddressBlock.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
        assertThatThrownBy(() -> AddressBlock.parse("10.0.0.5/24")).hasMessage("has host bits set: did you mean "
                + "10.0.0.0/24? got '10.0.0.5/24'");
        assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0 "
                + "to 32");
        assertThatThrownBy(() -> AddressBlock.parse("example.com/24")).hasMessageContaining("must be an address");
    }

    @Test
    void addressBlocksKeepToTheirFamilyAndWriteMappedRangesAsIpv4() {
        assertThat(AddressBlock.parse("::/0").contains("10.1.2.3")).isFalse();
        assertThat(AddressBlock.parse("::/0").contains("2001:db8::1")).isTrue();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains("::ffff:10.1.2.3")).isTrue();
        assertThat(AddressBlock.parse("::ffff:203.0.113.0/120")).isEqualTo(AddressBlock.parse("203.0.113.0/24"))
                .hasToString("203.0.113.0/24");
        assertThat(AddressBlock.parse(" 2001:DB8:0:0::/64 ").text()).isEqualTo("2001:db8::/64");
        assertThatThrownBy(() -> AddressBlock.parse("fe80::1%eth0/64")).hasMessageContaining("must be an address");
        assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/+8")).hasMessageContaining("prefix length must be 0 "
                + "to 32");
        assertThatThrownBy(() -> AddressBlock.parse("fd00::/129")).hasMessageContaining("prefix length must be 0 "
                + "to 128");
    }

    @Test
    void portsAndRanges() {
        assertThat(PortRange.parse("443").contains(443)).isTrue();
        assertThat(PortRange.parse("8000-8100").contains(8050)).isTrue();
        assertThat(PortRange.parse("8000-8100").contains(8101)).isFalse();
        assertThat(PortRange.parse("443").contains(null)).isFalse();
        assertThatThrownBy(() -> PortRange.parse("70000")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PortRange.parse("9-1")).hasMessageContaining("first ≤ last");
        assertThatThrownBy(() -> PortRange.parse("https")).hasMessageContaining("got 'https'");
    }
}
