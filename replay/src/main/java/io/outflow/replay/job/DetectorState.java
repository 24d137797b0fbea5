package io.outflow.replay.job;

/** A key's state and the detector it belongs to (the position in the suite), as Flink keeps it. */
public record DetectorState(int detector, Object state) {
}
