package io.outflow.detectors.newfqdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** States written by another codec version restore: missing tags take defaults, unknown tags are skipped. */
class NewFqdnStateEvolutionTest {
    private static final Instant T = Instant.parse("2025-03-10T12:00:00Z");
    private final NewFqdnDetector detector = new NewFqdnDetector(NewFqdnDetectorTest.SHORT,
            NewFqdnDetectorTest.CONTEXT);
    private final long windowIndex = T.toEpochMilli() / Duration.ofMinutes(5).toMillis();

    @Test
    void aStateWithoutCleanupTimeAndWithNewerTagsStillDetects() {
        byte[] written = StateOutput.encode(2, out -> {
            out.writeString(1, "shop/Deployment/web")
                    .writeInstant(2, T.minus(Duration.ofDays(5)))
                    .writeInstant(3, T.minus(Duration.ofMinutes(3)));
            out.writeMessage(4, m -> m.writeString(1, "stripe.com").writeLong(2, T.minus(Duration.ofDays(5))
                    .toEpochMilli()).writeLong(3, T.minus(Duration.ofMinutes(3)).toEpochMilli()));
            out.writeMessage(5, w -> {
                w.writeLong(1, windowIndex).writeLong(2, T.toEpochMilli()).writeLong(3, T.toEpochMilli());
                w.writeMessage(4, c -> {
                    c.writeString(1, "example.org");
                    c.writeMessage(2, contact -> contact.writeString(4, "00ff").writeBoolean(15, true)
                            .writeMessage(17, flows -> flows.writeInstant(2, T).writeInstant(3, T)
                                    .writeString(7, "api.example.org").writeString(99, "a later field")));
                });
            });
            out.writeString(99, "a field a later version added");
        });
        NewFqdnState restored = detector.stateCodec().decode(written);
        assertThat(restored.domains).containsOnlyKeys("stripe.com");
        assertThat(restored.cleanupAt).isNull();
        assertThat(detector.nextDeadline(restored)).contains(T.plus(Duration.ofMinutes(5)));
        List<Alert> alerts = detector.advance(restored, T.plus(Duration.ofMinutes(5))).alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.getTitle()).isEqualTo("New domain for shop/Deployment/web: example.org");
            assertThat(a.getDestinationFqdn()).isEqualTo("api.example.org");
            assertThat(a.getPod()).isNull();
            assertThat(a.getAttributionReason()).isEqualTo("not-recorded");
        });
    }

    /** Version 1 kept a contact's flow evidence in its own tags: skipping them would restore it half. */
    @Test
    void aVersionOneStateIsRefusedRatherThanHalfRestored() {
        byte[] written = StateOutput.encode(1, out -> {
            out.writeString(1, "shop/Deployment/web").writeInstant(2, T.minus(Duration.ofDays(5)));
            out.writeMessage(5, w -> {
                w.writeLong(1, windowIndex).writeLong(2, T.toEpochMilli()).writeLong(3, T.toEpochMilli());
                w.writeMessage(4, c -> c.writeString(1, "example.org").writeMessage(2, contact -> contact
                        .writeInstant(2, T).writeInstant(3, T).writeString(4, "00ff")
                        .writeString(7, "api.example.org").writeBoolean(15, true)));
            });
        });
        assertThatThrownBy(() -> detector.stateCodec().decode(written))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state version 1");
    }
}
