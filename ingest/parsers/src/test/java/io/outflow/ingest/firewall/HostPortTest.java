package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses in legacy messages: ports matched by anchored patterns, so IPv6 addresses survive. */
class HostPortTest {

    @ParameterizedTest(name = "{0} (port expected: {1}) -> {2} / {3}")
    @CsvSource(nullValues = "null", textBlock = """
            10.0.0.1:443,                   true,  10.0.0.1,             443
            10.0.0.1,                       true,  10.0.0.1,             null
            10.0.0.1:,                      true,  10.0.0.1,             null
            10.0.0.1,                       false, 10.0.0.1,             null
            api.example.com:8443,           true,  api.example.com,      8443
            api.example.com,                true,  api.example.com,      null
            [2001:db8::1]:443,              true,  2001:db8::1,          443
            [2001:db8::1],                  true,  2001:db8::1,          null
            [2001:db8::1]:,                 true,  2001:db8::1,          null
            2001:db8::1:443,                true,  2001:db8::1,          443
            2001:db8::1:443,                false, 2001:db8::1:443,      null
            2001:db8::1:,                   true,  2001:db8::1,          null
            fd00::1,                        true,  fd00::1,              null
            ::1,                            true,  ::1,                  null
            ::ffff:10.0.0.1:80,             true,  ::ffff:10.0.0.1,      80
            """)
    void readsHostAndPort(String token, boolean portExpected, String host, String port) {
        assertThat(HostPort.parse(token, portExpected)).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            10.0.0.1:http
            host:1:2
            [2001:db8::1
            [not-an-ip]:443
            2001:db8::zz:443
            ''
            """)
    void refusesTokensOfNoAddressForm(String token) {
        assertThat(HostPort.parse(token, true)).isNull();
    }
}
