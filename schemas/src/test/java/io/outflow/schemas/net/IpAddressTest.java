package io.outflow.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    @Test
    void ipv4AndItsMappedIpv6SpellingAreOneAddress() {
        assertThat(IpAddress.parse("10.244.1.17")).isEqualTo(IpAddress.parse("::ffff:10.244.1.17"));
        assertThat(IpAddress.parse("::ffff:10.244.1.17").toString()).isEqualTo("10.244.1.17");
        assertThat(IpAddress.parse("10.244.1.17").isV4()).isTrue();
    }

    @Test
    void ipv6IsWrittenInRfc5952Form() {
        assertThat(IpAddress.parse("FD00:0010:0244:0001:0000:0000:0000:001F").toString())
                .isEqualTo("fd00:10:244:1::1f");
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
        assertThat(IpAddress.parse("::1").toString()).isEqualTo("::1");
        assertThat(IpAddress.parse("1::").toString()).isEqualTo("1::");
        assertThat(IpAddress.parse("2001:db8:0:1:1:1:1:1").toString()).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddress.parse("01::1").toString()).isEqualTo("1::1");
        assertThat(IpAddress.parse("1234::1").toString()).isEqualTo("1234::1");
        assertThat(IpAddress.parse("0:0:0:0:0:ffff:10.1.2.3").toString()).isEqualTo("10.1.2.3");
        assertThat(IpAddress.parse("0.0.0.0").toString()).isEqualTo("0.0.0.0");
        assertThat(IpAddress.parse("255.255.255.255").v4()).isEqualTo(-1);
    }

    @Test
    void refusesWhatIsNoAddress() {
        for (String bad : new String[] {"", "10.244.1", "10.244.1.256", "10.244.01.1", "10.244.1.1.1", "1.2.3.4 ",
            "fd00::1::2", ":1", "1:", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0", "[::1]", "g::1",
            "1:2:3:4:5:6:7::8", "aks-pool1", "::ffff:10.1.2", "1.2.3.4:80", "300.1.1.1", "1.2.3.a", "a.b.c.d",
            "1.2.3.04", "1..2.3", "1.2.3.", ".1.2.3"}) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
    }

    @Property
    void agreesWithTheJdkOnEveryIpv6Address(@ForAll long high, @ForAll long low) throws UnknownHostException {
        IpAddress address = IpAddress.of(high, low);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        InetAddress jdk = InetAddress.getByAddress(bytes);
        assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
        assertThat(IpAddress.parse(jdk.getHostAddress())).isEqualTo(address);
    }

    @Property
    void dottedQuadsAgreeWithTheJdk(@ForAll int v4) throws UnknownHostException {
        String text = InetAddress.getByAddress(new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8),
            (byte) v4}).getHostAddress();
        assertThat(IpAddress.parse(text)).isEqualTo(IpAddress.ofV4(v4));
    }

    @Property
    void ipv4RoundTrips(@ForAll int v4) {
        IpAddress address = IpAddress.ofV4(v4);
        assertThat(IpAddress.parse(address.toString())).isEqualTo(address);
        assertThat(address.v4()).isEqualTo(v4);
    }
}
