package io.outflow.replay.job;

import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.schemas.Alert;
import org.apache.flink.api.java.functions.KeySelector;

/** The prevalence stage's key of a held alert ({@code cluster|destination}); the stage is built where it runs. */
final class PrevalenceKey implements KeySelector<Alert, String> {
    private static final long serialVersionUID = 1L;

    private final DetectorSuite suite;
    private transient DestinationPrevalence prevalence;

    PrevalenceKey(DetectorSuite suite) {
        this.suite = suite;
    }

    @Override
    public String getKey(Alert alert) {
        if (prevalence == null) {
            prevalence = suite.prevalence();
        }
        return prevalence.keyOf(alert).orElseThrow(() -> new IllegalStateException(
                "an alert without a prevalence key was held: " + alert.getAlertId()));
    }
}
