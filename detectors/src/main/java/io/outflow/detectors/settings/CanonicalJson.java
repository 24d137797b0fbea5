package io.outflow.detectors.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outflow.config.ConfigNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of effective settings, from which configVersion is derived: records as objects with their
 * components sorted by name, maps sorted by key, lists in order (order matters: the first matching rule wins),
 * durations in the configuration's short form ({@code 10m}), instants in ISO-8601, zones by ID, enums by name, no
 * whitespace. Equal settings give equal text however they were written (key order, {@code 600s} or {@code 10m},
 * defaults spelled out or not).
 */
public final class CanonicalJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private CanonicalJson() {
    }

    public static String of(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(value, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(Object value, JsonGenerator json) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof DomainPattern || value instanceof AddressBlock || value instanceof PortRange) {
            json.writeString(value.toString());
        } else if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            RecordComponent[] sorted = Arrays.copyOf(components, components.length);
            Arrays.sort(sorted, Comparator.comparing(RecordComponent::getName));
            json.writeStartObject();
            for (RecordComponent component : sorted) {
                Object item;
                try {
                    item = component.getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
                json.writeFieldName(component.getName());
                write(item, json);
            }
            json.writeEndObject();
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                json.writeFieldName(entry.getKey());
                write(entry.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(item, json);
            }
            json.writeEndArray();
        } else if (value instanceof Duration d) {
            json.writeString(ConfigNode.format(d));
        } else if (value instanceof Instant i) {
            json.writeString(i.toString());
        } else if (value instanceof ZoneId z) {
            json.writeString(z.getId());
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else {
            json.writeString(value.toString());
        }
    }
}
