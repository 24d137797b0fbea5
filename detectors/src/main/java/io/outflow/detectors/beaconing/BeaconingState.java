package io.outflow.detectors.beaconing;

import io.outflow.detectors.alert.OpenAlerts;
import io.outflow.detectors.connection.ConnectionLedger;
import io.outflow.detectors.dedup.SeenEvents;
import java.util.TreeMap;

/**
 * One source's beaconing state (a workload, node or source address): the eventIds absorbed within the lateness, the
 * connections still open in the {@link ConnectionLedger}, the connection history per destination, who held each
 * source address, the open alerts per destination and when each was last emitted, and the evaluation cursor. Mutable,
 * owned by the engine between calls.
 *
 * <p>Bounded: the ledger by its cap on open groups, destinations by {@code maxDestinationsPerKey} (the least recently
 * seen goes), each destination by {@link PairHistory}'s caps, identities by {@link SourceIdentities#MAX_ENTRIES},
 * eventIds by {@link SeenEvents}'s cap; everything older than the window is dropped at each evaluation, and an idle key is
 * forgotten once its history, ledger and open alerts are empty.
 */
public final class BeaconingState {
    String entity;
    final SeenEvents seen;
    final ConnectionLedger ledger;
    final TreeMap<String, PairHistory> pairs = new TreeMap<>();
    final SourceIdentities identities;
    final OpenAlerts alerts;
    /** Alert entity → when it was last emitted (epoch ms), for the revision interval. */
    final TreeMap<String, Long> lastEmitted = new TreeMap<>();
    /** The last evaluation boundary (epoch ms); before the first evaluation, the boundary at or before the earliest
     * flow. */
    long cursor = Long.MAX_VALUE;
    boolean evaluated;
    long connections;
    long evictedDestinations;

    BeaconingState(SeenEvents seen, ConnectionLedger ledger, SourceIdentities identities, OpenAlerts alerts) {
        this.seen = seen;
        this.ledger = ledger;
        this.identities = identities;
        this.alerts = alerts;
    }

    /** Destinations with a history (tests and diagnostics). */
    public int destinations() {
        return pairs.size();
    }

    /** Connections folded in so far. */
    public long connections() {
        return connections;
    }

    /** Connection times kept over all destinations. */
    public int keptTimes() {
        int total = 0;
        for (PairHistory p : pairs.values()) {
            total += p.n;
        }
        return total;
    }
}
