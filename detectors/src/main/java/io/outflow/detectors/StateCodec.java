package io.outflow.detectors;

/**
 * Binary form of a detector's per-key state, for Kafka Streams changelogs and Flink savepoints. Implementations
 * write a schema that can evolve (e.g. Avro with defaults for added fields), so that a new detector version can
 * restore state written by the previous one.
 */
public interface StateCodec<S> {
    byte[] encode(S state);

    S decode(byte[] bytes);
}
