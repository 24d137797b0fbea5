package io.outflow.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * The JSON form of the contract records (DESIGN.md): fields in schema order, absent values absent (never null or
 * ""), empty lists and maps left out, timestamps as ISO-8601 UTC with three fraction digits, map keys sorted. A
 * string field whose schema carries {@code "outflow.json": "object"} holds JSON text and is written as that object.
 */
public final class ContractJson {
    public static final String RAW_JSON_PROPERTY = "outflow.json";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ContractJson() {
    }

    public static String toJson(IndexedRecord record) {
        StringWriter out = new StringWriter(512);
        write(record, out);
        return out.toString();
    }

    /** Writes one record as one JSON object, without a trailing newline. */
    public static void write(IndexedRecord record, Writer out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeRecord(record, json, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the record into an open generator, leaving out one named field (e.g. the id derived from the rest). */
    public static void writeRecord(IndexedRecord record, JsonGenerator json, String skippedField) throws IOException {
        json.writeStartObject();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (field.name().equals(skippedField)) {
                continue;
            }
            Object value = record.get(field.pos());
            if (isAbsent(value)) {
                continue;
            }
            json.writeFieldName(field.name());
            if ("object".equals(field.getProp(RAW_JSON_PROPERTY))) {
                json.writeRawValue(value.toString());
            } else {
                writeValue(value, field.schema(), json);
            }
        }
        json.writeEndObject();
    }

    public static String formatTime(Instant time) {
        return ISO_MILLIS.format(time);
    }

    private static boolean isAbsent(Object value) {
        return value == null
                || (value instanceof CharSequence s && s.length() == 0)
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static void writeValue(Object value, Schema schema, JsonGenerator json) throws IOException {
        Schema type = nonNull(schema);
        LogicalType logical = type.getLogicalType();
        if (value instanceof Instant instant) {
            json.writeString(formatTime(instant));
        } else if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            json.writeString(formatTime(Instant.ofEpochMilli(millis)));
        } else if (value instanceof IndexedRecord nested) {
            writeRecord(nested, json, null);
        } else if (value instanceof Map<?, ?> map) {
            List<String> keys = new ArrayList<>();
            for (Object key : map.keySet()) {
                keys.add(key.toString());
            }
            keys.sort(null);
            json.writeStartObject();
            for (String key : keys) {
                Object item = map.get(key);
                if (item == null) {
                    item = map.get(new org.apache.avro.util.Utf8(key));
                }
                json.writeFieldName(key);
                writeValue(item, type.getValueType(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                writeValue(item, type.getElementType(), json);
            }
            json.writeEndArray();
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(d);
        } else if (value instanceof Float f) {
            json.writeNumber(f);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            json.writeBinary(copy);
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof GenericEnumSymbol<?> symbol) {
            json.writeString(symbol.toString());
        } else {
            json.writeString(value.toString());
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return schema;
    }
}
