package io.outflow.detectors.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateFormatTest {

    @Test
    void roundTripsEveryValueType() {
        byte[] bytes = StateOutput.encode(3, out -> out.writeLong(1, -5).writeInt(2, Integer.MAX_VALUE)
                .writeBoolean(3, true).writeDouble(4, 0.125).writeString(5, "nanopool.org → ü")
                .writeInstant(6, Instant.parse("2025-03-01T10:00:00.123Z")).writeLong(7, Long.MIN_VALUE)
                .writeMessage(8, m -> m.writeString(1, "inner").writeLong(2, 7)));
        StateInput in = StateInput.decode(bytes);
        assertThat(in.version()).isEqualTo(3);
        List<Object> read = new ArrayList<>();
        while (in.next()) {
            switch (in.tag()) {
                case 1, 7 -> read.add(in.readLong());
                case 2 -> read.add(in.readInt());
                case 3 -> read.add(in.readBoolean());
                case 4 -> read.add(in.readDouble());
                case 5 -> read.add(in.readString());
                case 6 -> read.add(in.readInstant());
                case 8 -> {
                    StateInput m = in.readMessage();
                    while (m.next()) {
                        read.add(m.tag() == 1 ? m.readString() : m.readLong());
                    }
                }
                default -> in.skip();
            }
        }
        assertThat(read).containsExactly(-5L, Integer.MAX_VALUE, true, 0.125, "nanopool.org → ü",
                Instant.parse("2025-03-01T10:00:00.123Z"), Long.MIN_VALUE, "inner", 7L);
    }

    @Test
    void absentValuesAreNotWritten() {
        byte[] bytes = StateOutput.encode(1, out -> out.writeString(1, null).writeInstant(2, null)
                .writeEnum(3, null));
        assertThat(bytes).hasSize(2);
    }

    @Test
    void layoutIsTheDocumentedOne() {
        // magic 0x4F, version 1; tag 1 varint zigzag(-1)=1; tag 2 length "ab"
        byte[] bytes = StateOutput.encode(1, out -> out.writeLong(1, -1).writeString(2, "ab"));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("4f01" + "0801" + "12026162");
    }

    /** A state written by an older codec (fewer fields) and by a newer one (unknown fields) both restore. */
    @Test
    void olderAndNewerStatesDecode() {
        byte[] older = HexFormat.of().parseHex("4f01" + "0814");            // v1: tag 1 = 10
        byte[] newer = HexFormat.of().parseHex("4f03" + "0814" + "4a0178" + "51000000000000f03f"
                + "6004");                                                    // plus tags 9 (text), 10 (double), 12
        assertThat(readCounter(older)).containsExactly(10L, -1L);
        assertThat(readCounter(newer)).containsExactly(10L, -1L);
    }

    /** A codec that moved fields names the oldest layout it reads; older states fail, newer ones decode. */
    @Test
    void aStateOlderThanTheCodecReadsIsRefused() {
        byte[] v1 = HexFormat.of().parseHex("4f01" + "0814");
        byte[] v3 = HexFormat.of().parseHex("4f03" + "0814");
        assertThatThrownBy(() -> StateInput.decode(v1, 2)).hasMessageContaining("state version 1 predates");
        assertThat(StateInput.decode(v3, 2).version()).isEqualTo(3);
    }

    /** A reader of a state with tag 1 (a count) and tag 2 (a limit, added later with default -1). */
    private static List<Long> readCounter(byte[] bytes) {
        long count = 0;
        long limit = -1;
        StateInput in = StateInput.decode(bytes);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> count = in.readLong();
                case 2 -> limit = in.readLong();
                default -> in.skip();
            }
        }
        return List.of(count, limit);
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> StateInput.decode(new byte[] {1, 2})).hasMessageContaining("bad header");
        byte[] truncated = HexFormat.of().parseHex("4f01" + "1205616263");
        assertThatThrownBy(() -> {
            StateInput in = StateInput.decode(truncated);
            in.next();
            in.readString();
        }).hasMessageContaining("past the end");
        byte[] wrongWire = HexFormat.of().parseHex("4f01" + "0801");
        assertThatThrownBy(() -> {
            StateInput in = StateInput.decode(wrongWire);
            in.next();
            in.readString();
        }).hasMessageContaining("wire type 0");
    }
}
