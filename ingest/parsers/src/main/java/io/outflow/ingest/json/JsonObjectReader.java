package io.outflow.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one JSON value (a body) from bytes into {@link JsonObject}s and lists, strictly (no trailing commas, no
 * comments), within limits that keep hostile input from exhausting memory.
 */
public final class JsonObjectReader {
    private final JsonFactory factory;

    public JsonObjectReader(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .maxNumberLength(maxNumberLength)
                        .build())
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** The top-level value of the bytes: a {@link JsonObject}, a {@code List<Object>} or a scalar. */
    public Object read(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser parser = factory.createParser(bytes, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty body");
            }
            Object value = readValue(parser, first, offset);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new IOException("unexpected " + trailing.asString() + " after the end of the JSON value at byte "
                        + (offset + parser.currentTokenLocation().getByteOffset()));
            }
            return value;
        }
    }

    private Object readValue(JsonParser parser, JsonToken token, int base) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readObject(parser, base);
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, next, base));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return parser.getText(); // beyond long: kept as text, rejected by whoever needs a number
                }
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return JsonObject.NULL;
            default:
                throw new IOException("unexpected token " + token);
        }
    }

    private JsonObject readObject(JsonParser parser, int base) throws IOException {
        long start = base + parser.currentTokenLocation().getByteOffset();
        String[] keys = new String[16];
        Object[] values = new Object[16];
        int size = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Object value = readValue(parser, parser.nextToken(), base);
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
        }
        long end = base + parser.currentLocation().getByteOffset();
        return new JsonObject(keys, values, size, start, end);
    }
}
