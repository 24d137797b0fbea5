package io.outflow.detectors.cryptomining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** States written by another codec version restore: missing tags take defaults, unknown tags are skipped. */
class CryptominingStateEvolutionTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final String ENTITY = "shop/Deployment/web->nanopool.org";
    private final CryptominingDetector detector = CryptominingDetectorTest.detector();
    private final long index = T.toEpochMilli() / Duration.ofMinutes(5).toMillis();

    @Test
    void aStateWithOnlyAPendingWindowAndUnknownTagsIsJudgedAsUsual() {
        byte[] written = StateOutput.encode(2, out -> {
            out.writeMessage(2, w -> {
                w.writeLong(1, index);
                w.writeMessage(2, e -> {
                    e.writeString(1, ENTITY);
                    e.writeMessage(2, s -> s.writeLong(4, 1).writeString(16, "nanopool.org").writeLong(20, 1)
                            .writeMessage(22, flows -> flows.writeInstant(2, T).writeInstant(3, T)
                                    .writeString(7, "xmr-eu1.nanopool.org").writeInt(9, 443)
                                    .writeString(11, "AZFWApplicationRule").writeString(42, "from a later version"))
                            .writeString(42, "from a later version"));
                });
            });
            out.writeLong(77, 12345);
        });
        CryptominingState restored = detector.stateCodec().decode(written);
        assertThat(detector.nextDeadline(restored)).contains(T.plus(Duration.ofMinutes(5)));
        List<Alert> alerts = detector.advance(restored, T.plus(Duration.ofMinutes(5))).alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getSeverity()).isEqualTo(Severity.high);
            assertThat(a.getDestinationFqdn()).isEqualTo("xmr-eu1.nanopool.org");
            assertThat(a.getDestinationPort()).isEqualTo(443);
            assertThat(a.getWindowStart()).isEqualTo(T);
        });
    }

    /** Version 1 kept a sighting's flow evidence in its own tags: skipping them would restore it half. */
    @Test
    void aVersionOneStateIsRefusedRatherThanHalfRestored() {
        byte[] written = StateOutput.encode(1, out -> out.writeMessage(2, w -> {
            w.writeLong(1, index);
            w.writeMessage(2, e -> {
                e.writeString(1, ENTITY);
                e.writeMessage(2, s -> s.writeInstant(2, T).writeInstant(3, T).writeLong(4, 1)
                        .writeString(8, "xmr-eu1.nanopool.org").writeInt(10, 443)
                        .writeString(12, "AZFWApplicationRule").writeString(16, "nanopool.org").writeLong(20, 1));
            });
        }));
        assertThatThrownBy(() -> detector.stateCodec().decode(written))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state version 1");
    }
}
