package io.outflow.ingest.firewall;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.json.JsonObject;
import io.outflow.ingest.time.Timestamps;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;

/**
 * What every firewall record carries in its envelope, whatever its form: when it happened ({@code time}) and which
 * firewall logged it ({@code resourceId}). Keys are matched case-insensitively at the envelope level only.
 */
final class FirewallEnvelope {
    private final String category;
    private final long epochMillis;
    private final String zoneWarning;
    private final String resourceId;

    private FirewallEnvelope(String category, long epochMillis, String zoneWarning, String resourceId) {
        this.category = category;
        this.epochMillis = epochMillis;
        this.zoneWarning = zoneWarning;
        this.resourceId = resourceId;
    }

    /** Reads the envelope; a record without a readable time cannot give an event. */
    static FirewallEnvelope read(JsonObject record, String category) throws RecordRejected {
        String time = record.text("time");
        if (time == null) {
            throw new RecordRejected(category + ": time missing");
        }
        Timestamps.Parsed parsed = Timestamps.parse(time);
        if (!parsed.ok()) {
            throw new RecordRejected(category + ": time " + RecordFields.quote(time) + " is in an "
                    + parsed.failure());
        }
        String warning = parsed.zoneless()
                ? "time " + RecordFields.quote(time.strip()) + " has no zone; read as UTC"
                : null;
        return new FirewallEnvelope(category, parsed.epochMillis(), warning, record.text("resourceId"));
    }

    /** A new event of this record with its time, category, firewall and any note about the time. */
    FlowEvent draft(FlowKind kind) {
        FlowEvent event = FlowEvents.draft(category, kind, epochMillis);
        event.setResourceId(resourceId);
        if (zoneWarning != null) {
            event.getWarnings().add(zoneWarning);
        }
        return event;
    }
}
