package io.outflow.detectors.cryptomining;

import io.outflow.detectors.alert.OpenAlerts;
import io.outflow.detectors.dedup.SeenEvents;
import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cryptomining state of one cluster: evidence gathered per window not yet judged, what is followed per
 * (workload, destination) across windows, the pool names the cluster's DNS proxy resolved, open alerts and the
 * eventId memory. Mutable; owned by the engine between calls.
 */
public final class CryptominingState {
    SeenEvents seen = new SeenEvents();
    /** Window index (start / window length) → evidence of that window. */
    final TreeMap<Long, Window> windows = new TreeMap<>();
    /** Alert entity → what is followed across windows. */
    final TreeMap<String, Track> tracks = new TreeMap<>();
    /** Pool lookups of judged windows still close enough to matter: epoch ms → names. */
    final TreeMap<Long, TreeSet<String>> lookups = new TreeMap<>();
    final OpenAlerts open = new OpenAlerts();
    /** When judged state next needs cleaning, or null. */
    Instant cleanupAt;

    boolean isEmpty() {
        return windows.isEmpty() && tracks.isEmpty() && lookups.isEmpty() && open.isEmpty();
    }

    /** Evidence of one window. */
    static final class Window {
        final TreeMap<String, Sighting> sightings = new TreeMap<>();
        /** Pool names the DNS proxy resolved in this window (cluster-level evidence): epoch ms → names. */
        final TreeMap<Long, TreeSet<String>> lookups = new TreeMap<>();
        int lookupCount;
    }

    /** One alert entity across windows. */
    static final class Track {
        /** Pool-port traffic to bare addresses, by "address:port". */
        final TreeMap<String, PortActivity> activities = new TreeMap<>();
        /** Evidence since the open alert began; null when none is open. */
        Sighting cumulative;
        /** The window end of the last emitted revision. */
        Instant lastEmitted;
        /** The evidence kinds the last emitted revision named (bit set of {@link CryptominingDetector} kinds). */
        int emittedKinds;
        Instant lastSeen = Instant.EPOCH;
    }
}
