package io.outflow.detectors.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes a detector state in Outflow's tagged binary form, the form every {@link io.outflow.detectors.StateCodec} of
 * this module uses. A state is a header (one magic byte {@code 0x4F} and the codec's own version as a varint) then a
 * sequence of fields; a field is a varint key {@code tag << 3 | wire} followed by its value:
 * <ul>
 *   <li>wire 0: a zigzag varint (ints, longs, booleans, enum ordinals, instants as epoch milliseconds);</li>
 *   <li>wire 1: eight bytes, little endian (doubles);</li>
 *   <li>wire 2: a varint length and that many bytes (UTF-8 strings, nested messages).</li>
 * </ul>
 * Absent values are not written; a repeated value repeats its tag. {@link StateInput} skips tags it does not know and
 * leaves defaults for tags it does not find, so a state can gain fields (a new tag with a default) and lose fields
 * (the tag is never reused) and a newer codec still restores what an older one wrote. A change an older state cannot
 * follow (fields moved to new tags) bumps the codec's version, retires the old tags and names the oldest version the
 * codec still reads ({@link StateInput#decode(byte[], int)}). Writers must write in a canonical order (collections
 * sorted) so that equal states give equal bytes: the law tests compare bytes.
 */
public final class StateOutput {
    static final int MAGIC = 0x4F;
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;

    private byte[] buffer = new byte[64];
    private int size;

    private StateOutput() {
    }

    /** Encodes a top-level state: header with {@code version}, then whatever {@code body} writes. */
    public static byte[] encode(int version, Consumer<StateOutput> body) {
        StateOutput out = new StateOutput();
        out.rawByte(MAGIC);
        out.rawVarint(version);
        body.accept(out);
        return out.toByteArray();
    }

    public StateOutput writeLong(int tag, long value) {
        key(tag, VARINT);
        rawVarint((value << 1) ^ (value >> 63));
        return this;
    }

    public StateOutput writeInt(int tag, int value) {
        return writeLong(tag, value);
    }

    public StateOutput writeBoolean(int tag, boolean value) {
        return writeLong(tag, value ? 1 : 0);
    }

    /** Writes nothing for null. */
    public StateOutput writeInstant(int tag, Instant value) {
        return value == null ? this : writeLong(tag, value.toEpochMilli());
    }

    /** Writes nothing for null. */
    public StateOutput writeEnum(int tag, Enum<?> value) {
        return value == null ? this : writeLong(tag, value.ordinal());
    }

    public StateOutput writeDouble(int tag, double value) {
        key(tag, FIXED64);
        long bits = Double.doubleToLongBits(value);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    /** Writes nothing for null. */
    public StateOutput writeString(int tag, String value) {
        if (value == null) {
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        key(tag, LENGTH);
        rawVarint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /** Writes nothing for null. */
    public StateOutput writeBytes(int tag, byte[] value) {
        if (value == null) {
            return this;
        }
        key(tag, LENGTH);
        rawVarint(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /** Writes a nested message (an embedded piece of state, one entry of a map). */
    public StateOutput writeMessage(int tag, Consumer<StateOutput> body) {
        StateOutput nested = new StateOutput();
        body.accept(nested);
        key(tag, LENGTH);
        rawVarint(nested.size);
        ensure(nested.size);
        System.arraycopy(nested.buffer, 0, buffer, size, nested.size);
        size += nested.size;
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void key(int tag, int wire) {
        if (tag < 1) {
            throw new IllegalArgumentException("tags start at 1, got " + tag);
        }
        rawVarint(((long) tag << 3) | wire);
    }

    private void rawByte(int b) {
        ensure(1);
        buffer[size++] = (byte) b;
    }

    private void rawVarint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
