package io.outflow.detectors.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.EnrichedFlow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RegisteredDomainsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
        "x7f3.cdn.example.net, example.net",
        "a91c.cdn.example.net, example.net",
        "API.Example.COM., example.com",
        "www.bbc.co.uk, bbc.co.uk",
        "mystorage.blob.core.windows.net, mystorage.blob.core.windows.net",
        "someone.github.io, someone.github.io",
        "github.io, github.io",
        "xmr.pool.minergate.com, minergate.com",
        "kubernetes.default.svc.cluster.local, -",
        "10.0.0.1, -",
        "2001:db8::1, -",
        "bad_name!.example.com, -",
    })
    void registeredDomainOf(String fqdn, String expected) {
        assertThat(RegisteredDomains.of(fqdn).orElse(null)).isEqualTo(expected);
    }

    @Test
    void fillSetsTheFieldOnceAndKeepsAnExistingValue() {
        EnrichedFlow flow = Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5")
                .fqdn("x7f3.cdn.example.net").build();
        assertThat(RegisteredDomains.fill(flow).getRegisteredDomain()).isEqualTo("example.net");
        EnrichedFlow given = Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5")
                .fqdn("x7f3.cdn.example.net").registeredDomain("upstream.example").build();
        assertThat(RegisteredDomains.fill(given)).isSameAs(given);
        EnrichedFlow noName = Flows.pod("shop", "Deployment", "web", "web-1", "10.244.1.5").to("1.2.3.4", 443).build();
        assertThat(RegisteredDomains.fill(noName)).isSameAs(noName);
    }
}
