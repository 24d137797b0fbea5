package io.outflow.schemas.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {
    private static final Pattern OVERLONG_GROUP = Pattern.compile("[0-9a-fA-F]{5,}");
    private static final Pattern LEADING_ZERO_OCTET = Pattern.compile("(^|\\.)0[0-9]");

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
            "1.2.3.04", "1..2.3", "1.2.3.", ".1.2.3", " 1.2.3.4", "[1.2.3.4]", "::1 ", "::1\n", "1.2.3.4/32",
            "0x1.2.3.4", "1.2.3", "::g"}) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void refusesSpellingsThatTheJdkReadsButThatAreAmbiguousOrForeign() {
        // InetAddress reads all of these; a group of five digits or an octet "010" (octal to some readers) is no
        // address we want to normalise, and digits of other scripts are no ASCII literal
        for (String bad : new String[] {"00001::", "0:0:0:0:0:ffff:000a0:1", "::ffff:010.1.2.3", "::ffff:1.2.3.0255",
            "::ffff:1.2.03.4", "\u0661.2.3.4", "1.2.3.\u0664", "::\u0661", "\uff41::1"}) {
            assertThat(IpAddress.parse(bad)).as(bad).isNull();
        }
        assertThat(IpAddress.parse("0db8:0000::0001")).hasToString("db8::1"); // up to four digits may lead with 0
    }

    @Property
    void readsIpv6TextAsTheJdkDoesExceptOverlongGroupsAndLeadingZeroOctets(@ForAll("ipv6Texts") String text) {
        IpAddress jdk = jdk(text);
        IpAddress ours = IpAddress.parse(text);
        if (ours != null) {
            assertThat(ours).isEqualTo(jdk);
            assertThat(IpAddress.parse(ours.toString())).isEqualTo(ours);
        } else if (jdk != null) {
            assertThat(overlongGroupOrLeadingZeroOctet(text)).as(text).isTrue();
        }
    }

    private static boolean overlongGroupOrLeadingZeroOctet(String text) {
        String tail = text.substring(text.lastIndexOf(':') + 1);
        boolean embeddedV4 = tail.indexOf('.') >= 0;
        return OVERLONG_GROUP.matcher(text).find() || (embeddedV4 && LEADING_ZERO_OCTET.matcher(tail).find());
    }

    /**
     * Up to eight groups (a few overlong or not hex), maybe a "::" among them, maybe a dotted quad (a few with leading
     * zeros) at the end; only texts with a colon, so that the JDK reads them as IPv6 literals and never asks DNS.
     */
    @Provide
    Arbitrary<String> ipv6Texts() {
        Arbitrary<List<String>> groups = Arbitraries.of("0", "1", "db8", "0db8", "FFFF", "abcd", "ffff", "00001", "g")
                .list().ofMaxSize(8);
        Arbitrary<Integer> gap = Arbitraries.integers().between(-1, 8); // where "::" stands; -1 or too far: none
        Arbitrary<String> v4 = Arbitraries.of("", "", "", "1.2.3.4", "010.1.2.3", "1.2.3.0255", "256.1.1.1", "1.2.3");
        return Combinators.combine(groups, gap, v4).as((g, at, quad) -> {
            List<String> parts = new ArrayList<>(g);
            if (!quad.isEmpty()) {
                parts.add(quad);
            }
            if (at < 0 || at > parts.size()) {
                return String.join(":", parts);
            }
            return String.join(":", parts.subList(0, at)) + "::" + String.join(":", parts.subList(at, parts.size()));
        }).filter(text -> text.indexOf(':') >= 0 && text.length() <= 45);
    }

    private static IpAddress jdk(String text) {
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        if (bytes.length == 4) {
            return IpAddress.ofV4(((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8)
                    | (bytes[3] & 0xff));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[8 + i] & 0xff);
        }
        return IpAddress.of(high, low);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            10.0.0.1,        true
            172.16.0.1,      true
            172.31.255.255,  true
            172.32.0.1,      false
            192.168.1.1,     true
            100.64.0.1,      true
            100.128.0.1,     false
            127.0.0.1,       true
            169.254.169.254, true
            8.8.8.8,         false
            ::ffff:10.1.2.3, true
            fd12:3456::1,    true
            fc00::1,         true
            fe80::1,         true
            febf::1,         true
            fec0::1,         false
            fd::1,           false
            ::1,             true
            ::2,             false
            2001:db8::1,     false
            ::,              false
            """)
    void internalAddressesAreThoseThatNeverRouteOnTheInternet(String address, boolean internal) {
        assertThat(IpAddress.require(address).isInternal()).isEqualTo(internal);
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
