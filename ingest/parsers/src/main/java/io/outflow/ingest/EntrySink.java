package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;

/** Receives the outcome of every entry: exactly one call per entry (DESIGN.md, "Entries and counting"). */
public interface EntrySink {
    void event(FlowEvent event);

    void quarantine(QuarantineEntry entry);

    /** An entry of a known category that Outflow does not use. */
    void ignored(String category);
}
