package io.outflow.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void cidrContainmentForBothFamilies() {
        Cidr pods = Cidr.parse("10.244.0.0/16");
        assertThat(pods.contains(IpAddress.require("10.244.255.3"))).isTrue();
        assertThat(pods.contains(IpAddress.require("10.245.0.1"))).isFalse();
        assertThat(pods.contains(IpAddress.require("fd00::1"))).isFalse();
        Cidr v6 = Cidr.parse("fd00:10:244::/56");
        assertThat(v6.contains(IpAddress.require("fd00:10:244:ff::1"))).isTrue();
        assertThat(v6.contains(IpAddress.require("fd00:10:244:100::1"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.require("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.require("2001:db8::9"))).isFalse();
        assertThat(Cidr.parse("10.244.1.7/32").contains(IpAddress.require("10.244.1.7"))).isTrue();
    }

    @Test
    void cidrKnowsHostBitsOverlapAndRefusesNonsense() {
        assertThat(Cidr.parse("10.244.1.0/16").hasHostBits()).isTrue();
        assertThat(Cidr.parse("10.244.1.0/16").normalized()).isEqualTo(Cidr.parse("10.244.0.0/16"));
        assertThat(Cidr.parse("10.244.0.0/16").overlaps(Cidr.parse("10.244.3.0/24"))).isTrue();
        assertThat(Cidr.parse("10.244.3.0/24").overlaps(Cidr.parse("10.244.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.244.0.0/16").overlaps(Cidr.parse("10.224.0.0/16"))).isFalse();
        assertThat(Cidr.parse("10.244.0.0/33")).isNull();
        assertThat(Cidr.parse("10.244.0.0")).isNull();
        assertThat(Cidr.parse("fd00::/129")).isNull();
        assertThat(Cidr.parse("10.244.0.0/1a")).isNull();
        assertThat(Cidr.parse("10.244.0.0/16").toString()).isEqualTo("10.244.0.0/16");
    }

    @Test
    void aRangeHoldsAddressesOfItsOwnFamilyOnly() {
        assertThat(Cidr.parse("::/0").contains(IpAddress.require("10.1.2.3"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(IpAddress.require("2001:db8::9"))).isTrue();
        assertThat(Cidr.parse("::/0").overlaps(Cidr.parse("10.0.0.0/8"))).isFalse();
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("::ffff:10.0.0.0/104").contains(IpAddress.require("10.200.0.1"))).isTrue();
        assertThat(Cidr.of(IpAddress.require("::ffff:10.0.0.1"))).hasToString("10.0.0.1/32");
    }
}
