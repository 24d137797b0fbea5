package io.outflow.detectors.alert;

import io.outflow.schemas.Mode;
import java.util.Objects;

/**
 * What every alert of a run carries besides its finding, given to detectors at construction. Alerts of a live run and
 * of a replay over the same input differ in {@code mode} only ("identical alerts", DESIGN.md).
 *
 * @param configVersion first 12 hex of SHA-256 of the effective configuration
 * @param outflowVersion the version of the running Outflow
 * @param mode live or replay
 */
public record AlertContext(String configVersion, String outflowVersion, Mode mode) {
    public AlertContext {
        Objects.requireNonNull(configVersion, "configVersion");
        Objects.requireNonNull(outflowVersion, "outflowVersion");
        Objects.requireNonNull(mode, "mode");
    }
}
