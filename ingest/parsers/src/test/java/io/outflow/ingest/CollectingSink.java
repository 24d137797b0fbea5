package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every outcome, in order, for assertions. */
public final class CollectingSink implements EntrySink {
    public final List<FlowEvent> events = new ArrayList<>();
    public final List<QuarantineEntry> quarantined = new ArrayList<>();
    public final List<String> ignored = new ArrayList<>();

    @Override
    public void event(FlowEvent event) {
        events.add(event);
    }

    @Override
    public void quarantine(QuarantineEntry entry) {
        quarantined.add(entry);
    }

    @Override
    public void ignored(String category) {
        ignored.add(category);
    }

    public int outcomes() {
        return events.size() + quarantined.size() + ignored.size();
    }
}
