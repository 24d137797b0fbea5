package io.outflow.replay.order;

import io.outflow.ingest.EntryCounts;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What reading the inputs gave, counted where they were read: per category the entries' outcomes (DESIGN.md: entries
 * = events + quarantined + ignored), the events left out by {@code --from/--to}, the files read and those that could
 * not be read.
 */
public record InputTally(SortedMap<String, Outcomes> categories, long outsideRange, int files, List<String> failures)
        implements Serializable {

    /** The outcomes of one category's entries. */
    public record Outcomes(long events, long quarantined, long ignored) implements Serializable {
        public long entries() {
            return events + quarantined + ignored;
        }

        Outcomes plus(Outcomes other) {
            return new Outcomes(events + other.events, quarantined + other.quarantined, ignored + other.ignored);
        }
    }

    public InputTally {
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
        failures = List.copyOf(failures);
    }

    public long entries() {
        return categories.values().stream().mapToLong(Outcomes::entries).sum();
    }

    public long events() {
        return categories.values().stream().mapToLong(Outcomes::events).sum();
    }

    public long quarantined() {
        return categories.values().stream().mapToLong(Outcomes::quarantined).sum();
    }

    public long ignored() {
        return categories.values().stream().mapToLong(Outcomes::ignored).sum();
    }

    /** Adds one reader's counts to a running total. */
    static void add(SortedMap<String, Outcomes> into, EntryCounts counts) {
        for (Map.Entry<String, EntryCounts.Tally> e : counts.byCategory().entrySet()) {
            EntryCounts.Tally t = e.getValue();
            into.merge(e.getKey(), new Outcomes(t.events(), t.quarantined(), t.ignored()), Outcomes::plus);
        }
    }
}
