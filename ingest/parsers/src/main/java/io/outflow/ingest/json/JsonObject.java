package io.outflow.ingest.json;

import java.util.List;

/**
 * One JSON object of a log record, read without a general-purpose tree: keys in order, values as {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@link JsonObject}, {@code List<Object>} or {@link #NULL}.
 * Keys match case-insensitively within this level only (Azure writes both {@code resourceId} and {@code resourceid});
 * a nested object has its own keys, so {@code properties.Category} never answers for the envelope's {@code category}.
 * Knows its byte range in the body it came from, so a bad record can be quarantined with its own raw text.
 */
public final class JsonObject {
    /** JSON {@code null}, distinct from an absent key. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String[] keys;
    private final Object[] values;
    private final int size;
    private final long startOffset;
    private final long endOffset;

    JsonObject(String[] keys, Object[] values, int size, long startOffset, long endOffset) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.startOffset = startOffset;
        this.endOffset = endOffset;
    }

    public int size() {
        return size;
    }

    public String keyAt(int index) {
        return keys[index];
    }

    public Object valueAt(int index) {
        return values[index];
    }

    /** Byte offset of the opening brace in the body, or -1 when unknown. */
    public long startOffset() {
        return startOffset;
    }

    /** Byte offset just after the closing brace in the body, or -1 when unknown. */
    public long endOffset() {
        return endOffset;
    }

    /** The value under {@code key} matched case-insensitively, or null when absent (JSON null gives {@link #NULL}). */
    public Object get(String key) {
        // Jackson interns field names, so an identical literal is found without comparing characters
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        for (int i = 0; i < size; i++) {
            if (keys[i].equalsIgnoreCase(key)) {
                return values[i];
            }
        }
        return null;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    /** A string or number as text; absent, null and "" (and whitespace-only) give null. */
    public String text(String key) {
        Object value = get(key);
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    public JsonObject object(String key) {
        return get(key) instanceof JsonObject o ? o : null;
    }

    @SuppressWarnings("unchecked")
    public List<Object> array(String key) {
        return get(key) instanceof List<?> l ? (List<Object>) l : null;
    }

    /** A boolean, or the strings "true"/"false" in any case; else null. */
    public Boolean bool(String key) {
        Object value = get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }
}
