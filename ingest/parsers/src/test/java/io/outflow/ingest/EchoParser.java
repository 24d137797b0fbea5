package io.outflow.ingest;

import io.outflow.ingest.json.JsonObject;
import io.outflow.ingest.time.Timestamps;
import io.outflow.schemas.FlowKind;
import java.util.Set;

/** A minimal family for framework tests: {@code {"category":"Echo","time":...,"properties":{"src":...}}}. */
final class EchoParser implements RecordParser {
    @Override
    public Set<String> categories() {
        return Set.of("Echo");
    }

    @Override
    public void parse(JsonObject record, String category, RecordContext context, EntrySink sink) {
        Timestamps.Parsed time = Timestamps.parse(record.text("time"));
        if (!time.ok()) {
            sink.quarantine(context.quarantine(category, record, "Echo: time " + time.failure()));
            return;
        }
        var event = FlowEvents.draft("Echo", FlowKind.connection, time.epochMillis());
        JsonObject properties = record.object("properties");
        event.setSourceIp(properties == null ? null : properties.text("src"));
        sink.event(FlowEvents.seal(event));
    }
}
