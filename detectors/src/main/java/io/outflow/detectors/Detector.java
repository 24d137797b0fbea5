package io.outflow.detectors;

import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;
import java.util.Optional;

/**
 * A keyed, event-time state machine: the whole of a detector's logic, free of any engine. Engines (Kafka Streams,
 * Flink, the local runner) hold one state per key, call {@link #absorb} for every on-time flow of the key, and call
 * {@link #advance} when the watermark passes {@link #nextDeadline}. Time reaches a detector only through flows and
 * watermarks, never through a clock, so every engine gives the same alerts.
 *
 * <p>Laws (checked by property tests): alerts do not depend on the arrival order of flows within the allowed
 * lateness; advancing to w1 then w2 equals advancing to w2 directly; absorbing a flow with an eventId already
 * absorbed changes nothing.
 *
 * @param <S> the state of one key; immutable or treated as owned by the caller between calls
 */
public interface Detector<S> {

    /** Name and version: state names and alert IDs derive from it. */
    DetectorId id();

    /** The key a flow belongs to for this detector, or empty when the flow is none of its business. */
    Optional<String> keyOf(EnrichedFlow flow);

    /** Folds one on-time flow into the key's state ({@code null} for a new key). Never emits. */
    S absorb(S stateOrNull, EnrichedFlow flow);

    /**
     * Closes what is due at the watermark: emits alerts, expires state. Returns a null state when the key has
     * nothing left to remember.
     */
    Outcome<S> advance(S state, Instant watermark);

    /** When {@link #advance} next has work for this state: the engine's event-time timer. */
    Optional<Instant> nextDeadline(S state);

    /** Encodes the state for changelogs and savepoints, in a form that can evolve. */
    StateCodec<S> stateCodec();
}
