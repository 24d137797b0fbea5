package io.outflow.detectors.state;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads what {@link StateOutput} wrote. Usage: {@code while (in.next()) switch (in.tag()) { case 1 -> x =
 * in.readLong(); ... default -> in.skip(); }}. Reading a value with the wrong wire type, a truncated buffer or a bad
 * header throws {@link IllegalArgumentException}: a state that cannot be read must not be half restored.
 */
public final class StateInput {
    private final byte[] bytes;
    private final int end;
    private final int version;
    private int position;
    private int tag;
    private int wire;

    private StateInput(byte[] bytes, int start, int end, int version) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
        this.version = version;
    }

    /** Opens a top-level state written by {@link StateOutput#encode}. */
    public static StateInput decode(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || (bytes[0] & 0xFF) != StateOutput.MAGIC) {
            throw new IllegalArgumentException("not an Outflow detector state (bad header)");
        }
        StateInput in = new StateInput(bytes, 1, bytes.length, 0);
        long version = in.rawVarint();
        return new StateInput(bytes, in.position, bytes.length, (int) version);
    }

    /**
     * Opens a top-level state, refusing one older than {@code oldestVersion}: a codec that moved fields to new tags
     * cannot read the old layout, and skipping the tags it no longer knows would restore the state half.
     */
    public static StateInput decode(byte[] bytes, int oldestVersion) {
        StateInput in = decode(bytes);
        if (in.version < oldestVersion) {
            throw new IllegalArgumentException("state version " + in.version + " predates the oldest this codec reads ("
                    + oldestVersion + ")");
        }
        return in;
    }

    /** The version the writing codec put in the header (0 for nested messages). */
    public int version() {
        return version;
    }

    /** Moves to the next field; false at the end. */
    public boolean next() {
        if (position >= end) {
            return false;
        }
        long key = rawVarint();
        tag = (int) (key >>> 3);
        wire = (int) (key & 7);
        if (tag < 1 || wire > StateOutput.LENGTH) {
            throw new IllegalArgumentException("corrupt state: field key " + key + " at byte " + position);
        }
        return true;
    }

    public int tag() {
        return tag;
    }

    public long readLong() {
        expect(StateOutput.VARINT);
        long raw = rawVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    public int readInt() {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("corrupt state: tag " + tag + " holds " + value + ", not an int");
        }
        return (int) value;
    }

    public boolean readBoolean() {
        return readLong() != 0;
    }

    public Instant readInstant() {
        return Instant.ofEpochMilli(readLong());
    }

    /** The constant of {@code values} with the written ordinal; {@code unknown} for an ordinal this build lacks. */
    public <E extends Enum<E>> E readEnum(E[] values, E unknown) {
        long ordinal = readLong();
        return ordinal >= 0 && ordinal < values.length ? values[(int) ordinal] : unknown;
    }

    public double readDouble() {
        expect(StateOutput.FIXED64);
        require(8);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (bytes[position++] & 0xFFL) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    public String readString() {
        expect(StateOutput.LENGTH);
        int length = length();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public byte[] readBytes() {
        expect(StateOutput.LENGTH);
        int length = length();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    /** A nested message, read with the same loop. */
    public StateInput readMessage() {
        expect(StateOutput.LENGTH);
        int length = length();
        StateInput nested = new StateInput(bytes, position, position + length, 0);
        position += length;
        return nested;
    }

    /** Skips the current field's value (a tag this codec does not know: written by a newer or older version). */
    public void skip() {
        switch (wire) {
            case StateOutput.VARINT -> rawVarint();
            case StateOutput.FIXED64 -> {
                require(8);
                position += 8;
            }
            default -> {
                int length = length();
                position += length;
            }
        }
    }

    private int length() {
        long length = rawVarint();
        if (length < 0 || length > end - position) {
            throw new IllegalArgumentException("corrupt state: length " + length + " past the end at tag " + tag);
        }
        return (int) length;
    }

    private void expect(int expected) {
        if (wire != expected) {
            throw new IllegalArgumentException("corrupt state: tag " + tag + " has wire type " + wire + ", expected "
                    + expected);
        }
    }

    private void require(int count) {
        if (end - position < count) {
            throw new IllegalArgumentException("corrupt state: truncated at tag " + tag);
        }
    }

    private long rawVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1);
            byte b = bytes[position++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("corrupt state: varint longer than 10 bytes");
    }
}
