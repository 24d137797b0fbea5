package io.outflow.replay.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsRecordsRateBytesLeftAndEta() {
        String line = ProgressLine.format(1_200_000, 300_000_000, 1_200_000_000, Duration.ofSeconds(60));

        assertThat(line).isEqualTo("replay: 1,200,000 records, 20,000/s, 900.0 MB left of 1200.0 MB, ETA 3m00s");
    }

    @Test
    void staysQuietWhenStderrIsNotATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), 100, false);

        line.update(10, 50, Duration.ofSeconds(1));
        line.clear();

        assertThat(err.size()).isZero();
    }

    @Test
    void rewritesItselfInPlaceOnATerminal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), 100, true);

        line.update(10, 50, Duration.ofSeconds(1));
        line.update(20, 100, Duration.ofSeconds(2));
        line.clear();

        String out = err.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\rreplay: 10 records").contains("\rreplay: 20 records").endsWith("\r")
                .doesNotContain("\n");
    }

    @Test
    void formatsLongEtas() {
        assertThat(ProgressLine.formatDuration(Duration.ofSeconds(7325))).isEqualTo("2h02m");
        assertThat(ProgressLine.formatDuration(Duration.ofSeconds(42))).isEqualTo("42s");
    }
}
