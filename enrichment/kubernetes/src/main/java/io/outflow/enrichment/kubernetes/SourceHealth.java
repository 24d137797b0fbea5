package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.ObjectKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a health endpoint reports for one cluster.
 *
 * @param failure why the source is DOWN, when it is
 */
public record SourceHealth(String cluster, State state, Map<ObjectKind, InformerHealth> informers,
                           Optional<String> failure) {

    public enum State {
        /** informers created, initial lists not all done */
        STARTING,
        /** every informer has listed and is watching */
        UP,
        /** an informer is reconnecting or relisting, within the allowed outage */
        DEGRADED,
        /** the source failed and stopped: its owner has been told through {@code terminated()} */
        DOWN,
        /** closed on request */
        CLOSED
    }

    /**
     * @param lists how many times the informer listed: 1 after start, one more per relist (410 Gone, reconnect)
     * @param notWatchingSince when the informer was last seen losing its watch, if it has none now
     * @param changes changes delivered to the sink
     * @param deletionsSeenOnRelist deletions the informer inferred on a relist (the object vanished while no watch
     *     was open, so its final state is the last one seen)
     */
    public record InformerHealth(boolean synced, boolean watching, long lists, Optional<Instant> notWatchingSince,
                                 long changes, long deletionsSeenOnRelist) {
    }

    public boolean isDown() {
        return state == State.DOWN;
    }
}
