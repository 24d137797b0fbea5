package io.outflow.enrichment.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KubernetesTimesTest {
    @Test
    void readsTheFormsTheApiServerWrites() {
        assertThat(KubernetesTimes.parse("2026-01-15T02:04:10Z")).isEqualTo(Instant.parse("2026-01-15T02:04:10Z")
                .toEpochMilli());
        assertThat(KubernetesTimes.parse("2026-01-15T02:04:10.123456Z"))
                .isEqualTo(Instant.parse("2026-01-15T02:04:10.123Z").toEpochMilli());
        assertThat(KubernetesTimes.parse("2026-01-15T02:04:10.5Z"))
                .isEqualTo(Instant.parse("2026-01-15T02:04:10.500Z").toEpochMilli());
        assertThat(KubernetesTimes.parse("2026-01-15T03:04:10+01:00"))
                .isEqualTo(Instant.parse("2026-01-15T02:04:10Z").toEpochMilli());
    }

    @Test
    void refusesWhatIsNoTime() {
        assertThat(KubernetesTimes.parse(null)).isEqualTo(KubernetesTimes.NONE);
        assertThat(KubernetesTimes.parse("2026-02-30T00:00:00Z")).isEqualTo(KubernetesTimes.NONE);
        assertThat(KubernetesTimes.parse("2026-01-15 02:04:10")).isEqualTo(KubernetesTimes.NONE);
        assertThat(KubernetesTimes.parse("yesterday at noon, roughly")).isEqualTo(KubernetesTimes.NONE);
    }

    @Property
    void agreesWithJavaTimeOnEveryDay(@ForAll @LongRange(min = -200_000, max = 200_000) long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return;
        }
        Instant noon = date.atTime(12, 34, 56).toInstant(ZoneOffset.UTC);
        assertThat(KubernetesTimes.parse(noon.toString())).isEqualTo(noon.toEpochMilli());
    }
}
