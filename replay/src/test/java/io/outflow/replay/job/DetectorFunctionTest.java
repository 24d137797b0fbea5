package io.outflow.replay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Detector;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.replay.job.types.AvroRecordSerializer;
import io.outflow.replay.testing.BurstSuite;
import io.outflow.replay.testing.Flows;
import io.outflow.replay.testing.ProbeDetector;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The detector adapter under watermarks the test controls: LocalRunner's time rule, step by step. */
class DetectorFunctionTest {
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    /** A suite of one probe. */
    private record ProbeSuite(boolean sticky) implements DetectorSuite {
        @Override
        public List<Detector<?>> detectors() {
            return List.of(new ProbeDetector(sticky));
        }

        @Override
        public AlertReview review() {
            return AlertReview.passAll();
        }
    }

    @Test
    void advancesAKeyOnceWhenTheWatermarkReachesItsDeadline() throws Exception {
        try (var harness = harness(new ProbeSuite(false))) {
            element(harness, Flows.flow("e1", T0.plusSeconds(10), "10.0.0.1"));
            element(harness, Flows.flow("e2", T0.plusSeconds(50), "10.0.0.1"));
            harness.processWatermark(T0.plusSeconds(60).toEpochMilli() - 1);
            assertThat(calls(harness)).isEmpty();

            harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
            harness.processWatermark(T0.plusSeconds(600).toEpochMilli());

            assertThat(calls(harness)).containsExactly("advance 10.0.0.1 2025-06-01T00:01:00Z");
        }
    }

    @Test
    void aDeadlineAtTheWatermarkJustAdvancedToWaitsForTheNextMoveAndTheEndAdvancesOnce() throws Exception {
        try (var harness = harness(new ProbeSuite(true))) {
            element(harness, Flows.flow("e1", T0.plusSeconds(10), "10.0.0.1"));
            harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
            harness.processWatermark(T0.plusSeconds(61).toEpochMilli());
            harness.processWatermark(Long.MAX_VALUE);

            assertThat(calls(harness)).containsExactly(
                    "advance 10.0.0.1 2025-06-01T00:01:00Z",
                    "advance 10.0.0.1 2025-06-01T00:01:01Z",
                    "advance 10.0.0.1 " + LocalRunner.END_OF_TIME);
        }
    }

    @Test
    void movesItsTimerWhenAnOnTimeFlowBringsTheDeadlineForward() throws Exception {
        try (var harness = harness(new ProbeSuite(false))) {
            element(harness, Flows.flow("e1", T0.plusSeconds(310), "10.0.0.1"));
            element(harness, Flows.flow("e2", T0.plusSeconds(30), "10.0.0.1"));
            harness.processWatermark(T0.plusSeconds(60).toEpochMilli());
            harness.processWatermark(T0.plusSeconds(360).toEpochMilli());
            harness.processWatermark(Long.MAX_VALUE);

            assertThat(calls(harness)).containsExactly(
                    "advance 10.0.0.1 2025-06-01T00:01:00Z",
                    "advance 10.0.0.1 2025-06-01T00:06:00Z");
        }
    }

    @Test
    void emitsWhatTheReferenceEngineEmitsForTheSameFlowsAndWatermarks() throws Exception {
        Duration lateness = Duration.ofMinutes(2);
        Random random = new Random(11);
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant time = T0.plusSeconds(i * 3L + random.nextInt(90));
            flows.add(Flows.flow("e" + i, time, "10.0.0." + random.nextInt(4)));
        }
        BurstSuite suite = new BurstSuite(6, Mode.replay);
        List<Alert> reference = new ArrayList<>();
        LocalRunner runner = new LocalRunner(suite.detectors(), lateness, AlertReview.passAll(), reference::add,
                late -> { });

        List<Alert> adapter = new ArrayList<>();
        try (var harness = harness(suite)) {
            long max = Long.MIN_VALUE;
            long watermark = Long.MIN_VALUE;
            for (EnrichedFlow flow : flows) {
                runner.accept(flow);
                long time = flow.getFlow().getTime().toEpochMilli();
                if (time >= watermark) {
                    element(harness, flow);
                }
                max = Math.max(max, time);
                if (max - lateness.toMillis() > watermark) {
                    watermark = max - lateness.toMillis();
                    harness.processWatermark(watermark);
                }
            }
            runner.finish();
            harness.processWatermark(Long.MAX_VALUE);
            harness.extractOutputValues().forEach(adapter::add);
        }

        Comparator<Alert> order = Comparator.comparing(Alert::getAlertId).thenComparing(Alert::getRevision);
        reference.sort(order);
        adapter.sort(order);
        assertThat(reference).hasSizeGreaterThan(5);
        assertThat(adapter).isEqualTo(reference);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, KeyedFlow, Alert> harness(DetectorSuite suite)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectorFunction(suite)), KeyedFlow::routeKey, Types.STRING);
        harness.setup(new AvroRecordSerializer<>(Alert.class));
        harness.open();
        return harness;
    }

    private static void element(KeyedOneInputStreamOperatorTestHarness<String, KeyedFlow, Alert> harness,
                                EnrichedFlow flow) throws Exception {
        String key = new ProbeDetector(false).keyOf(flow).orElseThrow();
        harness.processElement(new StreamRecord<>(new KeyedFlow(0, key, flow), flow.getFlow().getTime()
                .toEpochMilli()));
    }

    private static List<String> calls(KeyedOneInputStreamOperatorTestHarness<String, KeyedFlow, Alert> harness) {
        return harness.extractOutputValues().stream().map(Alert::getTitle).toList();
    }
}
