package io.outflow.replay.job;

import io.outflow.detectors.Detector;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.run.AlertReview;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The detectors a replay runs, the prevalence stage and the review their alerts pass, built where the job runs: it travels inside the job
 * (so it holds configuration text, not detector instances) and builds fresh, equal detectors in every task.
 */
public interface DetectorSuite extends Serializable {

    /** New detector instances, always in the same order (the order decides nothing but the key prefix). */
    List<Detector<?>> detectors();

    /**
     * The prevalence stage between the detectors and the review, or null for none. Its state lives in the slot after
     * the last detector's.
     */
    default DestinationPrevalence prevalence() {
        return null;
    }

    /** Allowlists, suppressions and severity overrides: the last step of every alert. */
    AlertReview review();

    /** How many alerts (first revisions) each allowlist entry or suppression rule of this review dropped. */
    default Map<String, Long> suppressed(AlertReview review) {
        return Map.of();
    }
}
