package io.outflow.enrichment.kubernetes;

import io.outflow.schemas.IdentityChange;

/**
 * Where a source delivers its changes: the live pipeline's producer to the compacted {@code outflow.identity} topic
 * (keyed by {@link IdentityKeys#keyOf}), an {@link AvroArchiveSink}, or both.
 *
 * <p>A source calls {@link #accept} from its informer threads, one call at a time. A call that throws stops the
 * source and fails it: a change that cannot be stored is never skipped silently.
 */
@FunctionalInterface
public interface IdentityChangeSink {
    void accept(IdentityChange change) throws Exception;

    /** This sink, then the other, for each change. */
    default IdentityChangeSink andThen(IdentityChangeSink other) {
        return change -> {
            accept(change);
            other.accept(change);
        };
    }
}
