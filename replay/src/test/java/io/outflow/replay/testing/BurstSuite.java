package io.outflow.replay.testing;

import io.outflow.detectors.Detector;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.run.AlertReview;
import io.outflow.replay.job.DetectorSuite;
import io.outflow.schemas.Mode;
import java.util.List;

/** A suite of the test double, for adapter tests that must not wait for the product detectors. */
public record BurstSuite(int threshold, Mode mode) implements DetectorSuite {

    @Override
    public List<Detector<?>> detectors() {
        return List.of(new BurstDetector(new AlertContext("test-config", "test", mode), threshold));
    }

    @Override
    public AlertReview review() {
        return AlertReview.passAll();
    }
}
