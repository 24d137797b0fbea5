package io.outflow.replay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.prevalence.Contact;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentContactsTest {
    private static final int HOUR = (int) (Instant.parse("2025-06-01T10:00:00Z").toEpochMilli() / 3_600_000L);

    @Test
    void passesEachContactOnceWhileItsHourIsRemembered() {
        RecentContacts sent = new RecentContacts();
        Contact a = new Contact("aks|example.net", "shop/Deployment/web", HOUR);
        assertThat(sent.firstTime(a)).isTrue();
        assertThat(sent.firstTime(new Contact("aks|example.net", "shop/Deployment/web", HOUR))).isFalse();
        assertThat(sent.firstTime(new Contact("aks|example.net", "shop/Deployment/web", HOUR + 1))).isTrue();
        assertThat(sent.firstTime(new Contact("aks|example.net", "shop/Deployment/api", HOUR))).isTrue();

        sent.forgetBefore(Instant.parse("2025-06-01T10:59:59Z").toEpochMilli());
        assertThat(sent.firstTime(a)).as("the watermark's own hour is kept").isFalse();
        sent.forgetBefore(Instant.parse("2025-06-01T11:00:00Z").toEpochMilli());
        assertThat(sent.firstTime(a)).as("an earlier hour is forgotten").isTrue();
    }
}
