package io.outflow.ingest.flowlogs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the record around a tuple says about every tuple in it: the category, the resource the flows passed
 * ({@code resourceId}), extras such as the rule and MAC address, and warnings about record fields that were left out.
 */
record TupleOrigin(String category, String resourceId, Map<String, String> extras, List<String> warnings) {
    TupleOrigin {
        extras = Map.copyOf(extras);
        warnings = List.copyOf(warnings);
    }

    /** The same origin with one more extra (a blank value adds nothing). */
    TupleOrigin withExtra(String key, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        Map<String, String> more = new HashMap<>(extras);
        more.put(key, value);
        return new TupleOrigin(category, resourceId, more, warnings);
    }

    /** The same origin with one more warning. */
    TupleOrigin withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new TupleOrigin(category, resourceId, extras, more);
    }
}
