package io.outflow.detectors.run;

import io.outflow.schemas.Alert;
import java.util.Optional;

/**
 * The last step every alert passes before it leaves an engine: allowlists, suppression rules and severity overrides
 * ({@code io.outflow.detectors.settings.AlertPolicy}). Returns the alert to emit (possibly changed) or empty to drop
 * it. Must be a pure function of the alert (its event times included), so that every engine drops the same alerts.
 */
@FunctionalInterface
public interface AlertReview {
    Optional<Alert> review(Alert alert);

    /** Lets every alert through unchanged. */
    static AlertReview passAll() {
        return Optional::of;
    }
}
