package io.outflow.ingest.firewall;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.schemas.FlowEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps every outcome in order, for assertions. */
final class OutcomeSink implements EntrySink {
    final List<FlowEvent> events = new ArrayList<>();
    final List<QuarantineEntry> quarantined = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    /** Every outcome in the order it arrived: a FlowEvent, a QuarantineEntry or an ignored category name. */
    final List<Object> inOrder = new ArrayList<>();

    @Override
    public void event(FlowEvent event) {
        events.add(event);
        inOrder.add(event);
    }

    @Override
    public void quarantine(QuarantineEntry entry) {
        quarantined.add(entry);
        inOrder.add(entry);
    }

    @Override
    public void ignored(String category) {
        ignored.add(category);
        inOrder.add(category);
    }

    int outcomes() {
        return inOrder.size();
    }
}
