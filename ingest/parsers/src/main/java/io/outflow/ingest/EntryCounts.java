package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import java.util.Map;
import java.util.TreeMap;

/** Counts the outcome of every entry per category while passing it on: entries = events + quarantined + ignored. */
public final class EntryCounts implements EntrySink {

    /** The counts of one category. */
    public static final class Tally {
        private long events;
        private long quarantined;
        private long ignored;

        public long events() {
            return events;
        }

        public long quarantined() {
            return quarantined;
        }

        public long ignored() {
            return ignored;
        }

        public long entries() {
            return events + quarantined + ignored;
        }
    }

    private final EntrySink downstream;
    private final Map<String, Tally> byCategory = new TreeMap<>();

    public EntryCounts(EntrySink downstream) {
        this.downstream = downstream;
    }

    @Override
    public void event(FlowEvent event) {
        tally(event.getCategory()).events++;
        downstream.event(event);
    }

    @Override
    public void quarantine(QuarantineEntry entry) {
        tally(entry.category()).quarantined++;
        downstream.quarantine(entry);
    }

    @Override
    public void ignored(String category) {
        tally(category).ignored++;
        downstream.ignored(category);
    }

    public Map<String, Tally> byCategory() {
        return byCategory;
    }

    public long events() {
        return byCategory.values().stream().mapToLong(Tally::events).sum();
    }

    public long quarantined() {
        return byCategory.values().stream().mapToLong(Tally::quarantined).sum();
    }

    public long ignored() {
        return byCategory.values().stream().mapToLong(Tally::ignored).sum();
    }

    public long entries() {
        return events() + quarantined() + ignored();
    }

    /** A table of the counts per category and outcome, for summaries on stderr. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-34s %10s %10s %12s %10s%n", "category", "entries", "events", "quarantined", "ignored"));
        byCategory.forEach((category, t) -> out.append(String.format("%-34s %10d %10d %12d %10d%n", category,
                t.entries(), t.events(), t.quarantined(), t.ignored())));
        out.append(String.format("%-34s %10d %10d %12d %10d%n", "total", entries(), events(), quarantined(), ignored()));
        return out.toString();
    }

    private Tally tally(String category) {
        return byCategory.computeIfAbsent(category == null ? QuarantineEntry.UNKNOWN_CATEGORY : category,
                c -> new Tally());
    }
}
