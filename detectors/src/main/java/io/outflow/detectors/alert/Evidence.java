package io.outflow.detectors.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.outflow.schemas.json.ContractJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code evidence} object of an alert: every number behind the decision, in the order the detector puts them,
 * written the same way by every engine. Doubles are rounded to 6 decimals, times are ISO-8601 UTC with milliseconds,
 * nested maps keep their insertion order. Nulls are left out. The common part of every alert's evidence:
 * <ul>
 *   <li>{@link #events}: {@code firstEventTime}, {@code lastEventTime}, {@code eventCount} and {@code sampleEventIds}
 *       (the {@value #SAMPLE_EVENT_IDS} smallest IDs, sorted, so that the sample does not depend on arrival order);</li>
 *   <li>{@link #resourceId}: the firewall (or VNet) that logged the events;</li>
 *   <li>{@link #kql}: a query for the raw rows ({@link RawRowsQuery}).</li>
 * </ul>
 */
public final class Evidence {
    /** How many eventIds an alert names. */
    public static final int SAMPLE_EVENT_IDS = 10;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final ObjectMapper TREE = new ObjectMapper();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public static Evidence create() {
        return new Evidence();
    }

    /** A number, text, boolean, Instant, collection or nested {@link Evidence}; null values are left out. */
    public Evidence put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    /** First and last event time, event count and a sorted sample of eventIds. */
    public Evidence events(Instant first, Instant last, long count, Collection<String> eventIds) {
        put("firstEventTime", first);
        put("lastEventTime", last);
        put("eventCount", count);
        put("sampleEventIds", sample(eventIds));
        return this;
    }

    public Evidence resourceId(String resourceId) {
        return put("resourceId", resourceId);
    }

    public Evidence kql(String query) {
        return put("kql", query);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    public Object get(String name) {
        return fields.get(name);
    }

    /** The smallest {@value #SAMPLE_EVENT_IDS} IDs, sorted. */
    public static List<String> sample(Collection<String> eventIds) {
        TreeSet<String> sorted = new TreeSet<>(eventIds);
        List<String> sample = new ArrayList<>(Math.min(SAMPLE_EVENT_IDS, sorted.size()));
        for (String id : sorted) {
            if (sample.size() == SAMPLE_EVENT_IDS) {
                break;
            }
            sample.add(id);
        }
        return sample;
    }

    /**
     * An alert's evidence text with one field set (replaced in place when present, else appended), for a stage after
     * the detector that adds what it measured. Numbers and order of the other fields are kept.
     */
    public static String withField(String evidenceJson, String name, Evidence value) {
        try {
            ObjectNode evidence = (ObjectNode) TREE.readTree(evidenceJson);
            evidence.set(name, TREE.readTree(value.toJson()));
            return TREE.writeValueAsString(evidence);
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("evidence is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The JSON object text. */
    public String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(this, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private static void write(Evidence evidence, JsonGenerator json) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> field : evidence.fields.entrySet()) {
            json.writeFieldName(field.getKey());
            writeValue(field.getValue(), json);
        }
        json.writeEndObject();
    }

    private static void writeValue(Object value, JsonGenerator json) throws IOException {
        if (value instanceof Evidence nested) {
            write(nested, json);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(entry.getValue(), json);
                }
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                writeValue(item, json);
            }
            json.writeEndArray();
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                json.writeNumber(Math.abs(d) < 1e12 ? Math.round(d * 1e6) / 1e6 : d);
            } else {
                json.writeString(Double.toString(d));
            }
        } else if (value instanceof Number n) {
            json.writeNumber(n.longValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Instant instant) {
            json.writeString(ContractJson.formatTime(instant));
        } else if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value.toString());
        }
    }
}
