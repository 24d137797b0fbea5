package io.outflow.enrichment.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceSettingsTest {

    @Test
    void defaultsResyncEveryTenMinutesAndAllowTwoMinutesWithoutAWatch() {
        assertThat(SourceSettings.DEFAULTS.resyncPeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(SourceSettings.DEFAULTS.maxOutage()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SourceSettings.DEFAULTS.checkInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void resyncCanBeTurnedOff() {
        assertThat(SourceSettings.DEFAULTS.withResyncPeriod(Duration.ZERO).resyncPeriod()).isZero();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> new SourceSettings(Duration.ofSeconds(-1), Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resyncPeriod")
                .hasMessageContaining("maxOutage")
                .hasMessageContaining("checkInterval");
    }

    @Test
    void theOutageCheckMustComeMoreOftenThanTheAllowedOutage() {
        assertThatThrownBy(() -> SourceSettings.DEFAULTS.withMaxOutage(Duration.ofSeconds(10), Duration.ofSeconds(30)))
                .hasMessageContaining("must not exceed maxOutage");
    }

    @Test
    void aSubSecondResyncIsRefused() {
        assertThatThrownBy(() -> SourceSettings.DEFAULTS.withResyncPeriod(Duration.ofMillis(200)))
                .hasMessageContaining("at least 1s");
    }
}
