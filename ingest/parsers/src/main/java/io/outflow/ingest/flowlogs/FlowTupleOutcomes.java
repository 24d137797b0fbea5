package io.outflow.ingest.flowlogs;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordContext;
import io.outflow.ingest.json.JsonObject;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Gives every entry of one flow-log record its outcome while the parser walks the record's nesting: one event or one
 * quarantine entry per tuple, and one quarantine entry per piece whose tuples cannot be read (an element that is not
 * an object, a list that is missing or is not an array). Reasons start with the category and name the path.
 */
final class FlowTupleOutcomes {
    private final String category;
    private final RecordContext context;
    private final EntrySink sink;

    FlowTupleOutcomes(String category, RecordContext context, EntrySink sink) {
        this.category = category;
        this.context = context;
        this.sink = sink;
    }

    /**
     * Calls {@code each} with the path and object of every element of {@code value}, an array that {@code holder}
     * holds under {@code path}. When {@code value} is not an array, {@code holder} is quarantined as one piece; an
     * element that is not an object is quarantined alone.
     */
    void forEachObject(Object value, JsonObject holder, String path, BiConsumer<String, JsonObject> each) {
        if (!(value instanceof List<?> list)) {
            brokenPiece(holder, path + ": " + missingOr(value, "is not an array"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (list.get(i) instanceof JsonObject item) {
                each.accept(itemPath, item);
            } else {
                sink.quarantine(context.quarantineText(category, String.valueOf(list.get(i)), holder,
                        category + ": " + itemPath + ": is not an object"));
            }
        }
    }

    /** One outcome per element of {@code flowTuples}, the tuple array that {@code holder} holds under {@code path}. */
    void tuples(Object flowTuples, JsonObject holder, String path, TupleLayout layout, TupleOrigin origin) {
        if (!(flowTuples instanceof List<?> list)) {
            brokenPiece(holder, path + ": " + missingOr(flowTuples, "is not an array"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (!(element instanceof String tuple)) {
                sink.quarantine(context.quarantineText(category, String.valueOf(element), holder,
                        category + ": " + path + "[" + i + "]: is not a string"));
                continue;
            }
            FlowTupleReader.Result result = FlowTupleReader.read(tuple, layout, origin);
            if (result.ok()) {
                sink.event(FlowEvents.seal(result.event()));
            } else {
                sink.quarantine(context.quarantineText(category, tuple, holder, category + ": " + result.problem()));
            }
        }
    }

    /** Quarantines a record, or a piece of it, whose tuples cannot be read: one entry. */
    void brokenPiece(JsonObject piece, String reason) {
        sink.quarantine(context.quarantine(category, piece, category + ": " + reason));
    }

    static String missingOr(Object value, String problem) {
        return value == null ? "missing" : problem;
    }
}
