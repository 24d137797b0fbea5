package io.outflow.detectors.scenario;

import io.outflow.detectors.Detector;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs detectors over a scenario's deliveries with the reference engine and keeps every alert revision with the
 * watermark it was emitted at (the event time at which an engine would have raised it).
 */
public final class ScenarioRun {
    /** One emitted alert revision and the watermark at emission ({@link LocalRunner#END_OF_TIME} at the end). */
    public record Emitted(Alert alert, Instant watermark) {
    }

    private final List<Emitted> emitted;
    private final Map<String, Long> lateCounts;
    private final Map<String, Integer> keyCounts;

    private ScenarioRun(List<Emitted> emitted, Map<String, Long> lateCounts, Map<String, Integer> keyCounts) {
        this.emitted = emitted;
        this.lateCounts = lateCounts;
        this.keyCounts = keyCounts;
    }

    /** Runs the detectors, then the prevalence stage (null: none), then the review, over the scenario. */
    public static ScenarioRun of(Scenario scenario, List<? extends Detector<?>> detectors,
                                 DestinationPrevalence prevalence, Duration lateness, AlertReview review) {
        List<Emitted> out = new ArrayList<>();
        LocalRunner[] runner = new LocalRunner[1];
        runner[0] = new LocalRunner(detectors, prevalence, lateness, review,
                a -> out.add(new Emitted(a, runner[0].watermark())), late -> {
                });
        for (EnrichedFlow flow : scenario.deliveries()) {
            runner[0].accept(flow);
        }
        Map<String, Integer> keys = runner[0].keyCounts();
        runner[0].finish();
        return new ScenarioRun(List.copyOf(out), runner[0].lateCounts(), keys);
    }

    public List<Emitted> emitted() {
        return emitted;
    }

    public Map<String, Long> lateCounts() {
        return lateCounts;
    }

    /** Keys holding state just before the end of input, per detector. */
    public Map<String, Integer> keyCounts() {
        return keyCounts;
    }
}
