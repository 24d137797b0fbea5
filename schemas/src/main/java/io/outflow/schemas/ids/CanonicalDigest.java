package io.outflow.schemas.ids;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The content ID of a record: hex of the first 128 bits of SHA-256 over its canonical form, so that equal content
 * (a duplicate delivery) gives an equal ID in every engine and on every machine. The canonical form lists, in schema
 * order, every field that has a value — absent values, empty strings, lists and maps leave no trace, so adding an
 * optional field to a schema does not change the IDs of existing data — as {@code name=value} separated by unit
 * separators, with times in epoch milliseconds, nested records in braces, lists in brackets and map entries sorted
 * by key. It is fed to the digest straight from the record, without building text.
 */
public final class CanonicalDigest {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<CanonicalDigest> LOCAL = ThreadLocal.withInitial(CanonicalDigest::new);

    private final MessageDigest digest;
    private final byte[] buffer = new byte[4096];
    private final byte[] digits = new byte[20];
    private int used;

    private CanonicalDigest() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The content ID of {@code record}, leaving out the field named {@code skippedField} (the ID itself). */
    public static String contentId(IndexedRecord record, String skippedField) {
        CanonicalDigest canonical = LOCAL.get();
        canonical.digest.reset();
        canonical.used = 0;
        canonical.record(record, skippedField);
        canonical.flush();
        byte[] hash = canonical.digest.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }

    private void record(IndexedRecord record, String skippedField) {
        put('{');
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (isAbsent(value) || field.name().equals(skippedField)) {
                continue;
            }
            text(field.name());
            put('=');
            value(value);
            put('\u001f');
        }
        put('}');
    }

    private void value(Object value) {
        if (value instanceof String s) {
            text(s);
        } else if (value instanceof Integer i) {
            number(i);
        } else if (value instanceof Long l) {
            number(l);
        } else if (value instanceof Instant instant) {
            number(instant.toEpochMilli());
        } else if (value instanceof IndexedRecord nested) {
            record(nested, null);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>(map.size());
            for (Object key : map.keySet()) {
                keys.add(key.toString());
            }
            keys.sort(null);
            put('{');
            for (String key : keys) {
                text(key);
                put('=');
                value(map.get(key));
                put('\u001f');
            }
            put('}');
        } else if (value instanceof Collection<?> list) {
            put('[');
            for (Object item : list) {
                value(item);
                put('\u001f');
            }
            put(']');
        } else if (value instanceof ByteBuffer bytes) {
            ByteBuffer copy = bytes.duplicate();
            while (copy.hasRemaining()) {
                put((char) (copy.get() & 0xff));
            }
        } else {
            text(String.valueOf(value)); // numbers, booleans, enum symbols
        }
    }

    private static boolean isAbsent(Object value) {
        return value == null
                || (value instanceof String s && s.isEmpty())
                || (value instanceof CharSequence cs && cs.length() == 0)
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    /** Decimal digits of a number, without making a string. */
    private void number(long n) {
        if (n < 0) {
            if (n == Long.MIN_VALUE) {
                text(Long.toString(n));
                return;
            }
            put('-');
            n = -n;
        }
        int i = digits.length;
        do {
            digits[--i] = (byte) ('0' + (n % 10));
            n /= 10;
        } while (n > 0);
        int length = digits.length - i;
        if (used + length > buffer.length) {
            flush();
        }
        System.arraycopy(digits, i, buffer, used, length);
        used += length;
    }

    /** UTF-8 of a string into the buffer; ASCII, the common case, is copied in bulk. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): a bulk copy of the low bytes
    private void text(CharSequence s) {
        int n = s.length();
        if (s instanceof String str && n <= buffer.length) {
            if (used + n > buffer.length) {
                flush();
            }
            str.getBytes(0, n, buffer, used);
            int end = used + n;
            for (int i = used; i < end; i++) {
                if (buffer[i] < 0) { // not ASCII: encode this string properly instead
                    utf8(s, 0);
                    return;
                }
            }
            used = end;
            return;
        }
        utf8(s, 0);
    }

    private void utf8(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                put((char) (0xC0 | (c >> 6)));
                put((char) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((char) (0xF0 | (cp >> 18)));
                put((char) (0x80 | ((cp >> 12) & 0x3F)));
                put((char) (0x80 | ((cp >> 6) & 0x3F)));
                put((char) (0x80 | (cp & 0x3F)));
            } else {
                put((char) (0xE0 | (c >> 12)));
                put((char) (0x80 | ((c >> 6) & 0x3F)));
                put((char) (0x80 | (c & 0x3F)));
            }
        }
    }

    private void put(char b) {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    private void flush() {
        digest.update(buffer, 0, used);
        used = 0;
    }
}
