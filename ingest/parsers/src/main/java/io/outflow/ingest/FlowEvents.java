package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.ids.CanonicalDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

/** Creates events for parsers to fill in, and seals them with their content-derived {@code eventId}. */
public final class FlowEvents {
    private FlowEvents() {
    }

    /** A new event with its required fields; lists and maps are empty and mutable. */
    public static FlowEvent draft(String category, FlowKind kind, long epochMillis) {
        FlowEvent event = new FlowEvent();
        event.setEventId("");
        event.setCategory(category);
        event.setKind(kind);
        event.setTime(Instant.ofEpochMilli(epochMillis));
        event.setWarnings(new ArrayList<>(2));
        event.setExtras(new HashMap<>());
        return event;
    }

    /**
     * Sets the eventId: the first 128 bits of SHA-256 over the canonical form of every other field
     * ({@link CanonicalDigest}), so that duplicate deliveries give equal IDs.
     */
    public static FlowEvent seal(FlowEvent event) {
        event.setEventId(CanonicalDigest.contentId(event, "eventId"));
        return event;
    }

    /** Puts a non-blank value into the event's extras. */
    public static void extra(FlowEvent event, String key, String value) {
        if (value != null && !value.isBlank()) {
            event.getExtras().put(key, value);
        }
    }
}
