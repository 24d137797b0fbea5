package io.outflow.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.outflow.ingest.json.JsonObject;
import io.outflow.ingest.json.JsonObjectReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Event Hubs message body — {@code {"records":[...]}}, a bare array or a single record — and routes each
 * record by its own {@code category} (a body may mix categories) to the parser of its family. Every entry gets
 * exactly one outcome; nothing escapes as an exception.
 */
public final class BodyParser {
    /** The category given to Hubble flow lines, which carry none of their own. */
    public static final String HUBBLE_CATEGORY = "HubbleFlow";

    /** Known categories that carry nothing Outflow uses: counted as ignored, never quarantined. */
    public static final Set<String> IGNORED_CATEGORIES = Set.of(
            "AZFWApplicationRuleAggregation", "AZFWNetworkRuleAggregation", "AZFWNatRuleAggregation",
            "AZFWDnsAdditional", "AzureFirewallDnsProxyAggregation");

    private final Map<String, RecordParser> byCategory = new HashMap<>();
    private final Map<String, String> ignored = new HashMap<>();
    private final ParseLimits limits;
    private final JsonObjectReader reader;

    public BodyParser(List<RecordParser> parsers, ParseLimits limits) {
        this.limits = limits;
        this.reader = new JsonObjectReader(limits.maxNestingDepth(), limits.maxStringLength(),
                limits.maxNumberLength());
        for (RecordParser parser : parsers) {
            for (String category : parser.categories()) {
                byCategory.put(category.toLowerCase(Locale.ROOT), parser);
            }
        }
        IGNORED_CATEGORIES.forEach(c -> ignored.put(c.toLowerCase(Locale.ROOT), c));
    }

    /** A parser of every supported family with the default limits. */
    public static BodyParser standard() {
        return new BodyParser(LogFamilies.parsers(), ParseLimits.DEFAULT);
    }

    public void parse(byte[] body, SourceRef source, EntrySink sink) {
        parse(body, 0, body.length, source, sink);
    }

    public void parse(byte[] bytes, int offset, int length, SourceRef source, EntrySink sink) {
        String failure = parseIfValid(bytes, offset, length, source, sink);
        if (failure != null) {
            RecordContext context = new RecordContext(source, bytes, offset, length, limits.maxExcerptBytes());
            sink.quarantine(context.quarantineBody(null, failure));
        }
    }

    /**
     * Parses a body that is valid JSON within the limits and returns null; otherwise gives no outcome at all and
     * returns the reason, so that a caller can try to recover smaller pieces of the body first.
     */
    public String parseIfValid(byte[] bytes, int offset, int length, SourceRef source, EntrySink sink) {
        if (length > limits.maxBodyBytes()) {
            return "body of " + length + " bytes exceeds the limit of " + limits.maxBodyBytes() + " bytes";
        }
        Object top;
        try {
            top = reader.read(bytes, offset, length);
        } catch (JsonProcessingException e) {
            return "invalid JSON: " + describe(e);
        } catch (IOException | RuntimeException e) {
            return "invalid JSON: " + e.getMessage();
        }
        RecordContext context = new RecordContext(source, bytes, offset, length, limits.maxExcerptBytes());
        if (top instanceof JsonObject object) {
            List<Object> records = object.array("records");
            if (records != null) {
                records.forEach(record -> route(record, context, sink));
            } else if (object.has("records")) {
                sink.quarantine(context.quarantineBody(null, "records: is not an array"));
            } else {
                route(object, context, sink);
            }
        } else if (top instanceof List<?> list) {
            list.forEach(record -> route(record, context, sink));
        } else {
            sink.quarantine(context.quarantineBody(null, "body is not a JSON object or array"));
        }
        return null;
    }

    private void route(Object element, RecordContext context, EntrySink sink) {
        if (!(element instanceof JsonObject record)) {
            sink.quarantine(context.quarantineText(null, String.valueOf(element), null,
                    "record is not a JSON object"));
            return;
        }
        if (record.endOffset() - record.startOffset() > limits.maxRecordBytes()) {
            sink.quarantine(context.quarantine(record.text("category"), record, "record of "
                    + (record.endOffset() - record.startOffset()) + " bytes exceeds the limit of "
                    + limits.maxRecordBytes() + " bytes"));
            return;
        }
        String category = record.text("category");
        if (category == null && record.object("flow") != null) {
            category = HUBBLE_CATEGORY;
        }
        if (category == null) {
            String hubbleOther = hubbleNonFlow(record);
            if (hubbleOther != null) {
                sink.ignored(hubbleOther);
                return;
            }
        }
        if (category == null) {
            sink.quarantine(context.quarantine(null, record, "category: missing"));
            return;
        }
        String key = category.toLowerCase(Locale.ROOT);
        RecordParser parser = byCategory.get(key);
        if (parser == null) {
            String known = ignored.get(key);
            if (known != null) {
                sink.ignored(known);
            } else {
                sink.quarantine(context.quarantine(category, record, "category: unknown category "
                        + RecordFields.quote(category)));
            }
            return;
        }
        try {
            parser.parse(record, category, context, sink);
        } catch (RuntimeException e) {
            // a parser bug must not lose the record: it is quarantined with the error
            sink.quarantine(context.quarantine(category, record, "internal parser error: " + e));
        }
    }

    /** Hubble's exporter also writes agent, node-status, debug and lost-events lines: known, and of no use here. */
    private static String hubbleNonFlow(JsonObject record) {
        if (record.object("agent_event") != null) {
            return "HubbleAgentEvent";
        }
        if (record.object("lost_events") != null) {
            return "HubbleLostEvents";
        }
        if (record.object("node_status") != null) {
            return "HubbleNodeStatus";
        }
        if (record.object("debug_event") != null) {
            return "HubbleDebugEvent";
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        var location = e.getLocation();
        return location == null ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
