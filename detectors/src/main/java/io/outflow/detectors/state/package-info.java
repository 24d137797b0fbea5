/**
 * The serialised form of detector state (Kafka Streams changelogs, Flink savepoints): a tagged binary format that
 * can evolve. {@link io.outflow.detectors.state.StateOutput} documents the layout and the rules for changing a state.
 */
package io.outflow.detectors.state;
