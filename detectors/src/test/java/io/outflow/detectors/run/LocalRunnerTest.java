package io.outflow.detectors.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalRunnerTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration LATENESS = Duration.ofMinutes(10);

    /** Keys by source address; the state is the earliest event time; asks to be advanced 5 minutes after it. */
    private static class Recorder implements Detector<Instant> {
        final String name;
        final List<String> calls = new ArrayList<>();

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public DetectorId id() {
            return new DetectorId(name, "1");
        }

        @Override
        public Optional<String> keyOf(EnrichedFlow flow) {
            return Optional.of(flow.getFlow().getSourceIp());
        }

        @Override
        public Instant absorb(Instant state, EnrichedFlow flow) {
            Instant t = flow.getFlow().getTime();
            return state == null || t.isBefore(state) ? t : state;
        }

        @Override
        public Outcome<Instant> advance(Instant state, Instant watermark) {
            calls.add(name + " " + state + " @ " + watermark);
            return Outcome.quiet(null);
        }

        @Override
        public Optional<Instant> nextDeadline(Instant state) {
            return Optional.of(state.plus(Duration.ofMinutes(5)));
        }

        @Override
        public StateCodec<Instant> stateCodec() {
            return new StateCodec<>() {
                @Override
                public byte[] encode(Instant state) {
                    return StateOutput.encode(1, out -> out.writeInstant(1, state));
                }

                @Override
                public Instant decode(byte[] bytes) {
                    StateInput in = StateInput.decode(bytes);
                    Instant t = Instant.EPOCH;
                    while (in.next()) {
                        t = in.readInstant();
                    }
                    return t;
                }
            };
        }
    }

    private static EnrichedFlow flow(String ip, Instant at) {
        return Flows.unknown(ip, "outside-known-ranges").at(at).to("203.0.113.9", 443).build();
    }

    @Test
    void advancesDueKeysToTheWatermarkInDeadlineOrder() {
        Recorder a = new Recorder("a");
        List<LateFlow> late = new ArrayList<>();
        LocalRunner runner = new LocalRunner(List.of(a), LATENESS, AlertReview.passAll(), alert -> {
        }, late::add);
        runner.accept(flow("10.0.0.2", T.plusSeconds(30)));
        runner.accept(flow("10.0.0.1", T));
        assertThat(runner.watermark()).isEqualTo(T.plusSeconds(30).minus(LATENESS));
        runner.accept(flow("10.0.0.3", T.plus(Duration.ofMinutes(16))));
        assertThat(a.calls).containsExactly("a " + T + " @ " + T.plus(Duration.ofMinutes(6)),
                "a " + T.plusSeconds(30) + " @ " + T.plus(Duration.ofMinutes(6)));
        runner.finish();
        assertThat(a.calls).hasSize(3).last().isEqualTo("a " + T.plus(Duration.ofMinutes(16)) + " @ "
                + LocalRunner.END_OF_TIME);
        assertThat(late).isEmpty();
    }

    @Test
    void flowsBehindTheWatermarkAreLateForEachDetectorWhoseBusinessTheyAre() {
        Recorder a = new Recorder("a");
        Recorder b = new Recorder("b");
        List<LateFlow> late = new ArrayList<>();
        LocalRunner runner = new LocalRunner(List.of(a, b), LATENESS, AlertReview.passAll(), alert -> {
        }, late::add);
        runner.accept(flow("10.0.0.1", T.plus(Duration.ofMinutes(20))));
        EnrichedFlow behind = flow("10.0.0.2", T.plus(Duration.ofMinutes(9)));
        runner.accept(behind);
        EnrichedFlow justOnTime = flow("10.0.0.3", T.plus(Duration.ofMinutes(10)));
        runner.accept(justOnTime);
        assertThat(runner.lateCounts()).containsEntry("a", 1L).containsEntry("b", 1L);
        assertThat(late).extracting(LateFlow::detector).containsExactly("a", "b");
        assertThat(late.get(0).flow()).isEqualTo(behind);
        assertThat(late.get(0).watermark()).isEqualTo(T.plus(Duration.ofMinutes(10)));
        assertThat(runner.keyCounts()).containsEntry("a", 2);
    }

    @Test
    void alertsPassTheReview() {
        Detector<Instant> alerting = new Recorder("x") {
            @Override
            public Outcome<Instant> advance(Instant state, Instant watermark) {
                Alert alert = Alert.newBuilder().setAlertId("id-" + state.getEpochSecond()).setDetector("x")
                        .setDetectorVersion("1").setSeverity(io.outflow.schemas.Severity.low).setScore(0).setTitle("t")
                        .setDescription("d").setMode(io.outflow.schemas.Mode.live)
                        .setAttribution(io.outflow.schemas.Attribution.unknown).setWindowStart(state)
                        .setWindowEnd(state).setEvidence("{}").setConfigVersion("c").setOutflowVersion("v").build();
                return new Outcome<>(null, List.of(alert));
            }
        };
        List<Alert> out = new ArrayList<>();
        LocalRunner runner = new LocalRunner(List.of(alerting), LATENESS,
                alert -> alert.getWindowStart().equals(T) ? Optional.empty() : Optional.of(alert), out::add, l -> {
                });
        runner.accept(flow("10.0.0.1", T));
        runner.accept(flow("10.0.0.2", T.plusSeconds(1)));
        runner.finish();
        assertThat(out).extracting(Alert::getAlertId).containsExactly("id-" + T.plusSeconds(1).getEpochSecond());
    }

    @Test
    void fillsTheRegisteredDomainBeforeDetectorsSeeTheFlow() {
        List<String> seen = new ArrayList<>();
        Recorder a = new Recorder("a") {
            @Override
            public Instant absorb(Instant state, EnrichedFlow flow) {
                seen.add(flow.getRegisteredDomain());
                return super.absorb(state, flow);
            }
        };
        LocalRunner runner = new LocalRunner(List.of(a), LATENESS, AlertReview.passAll(), x -> {
        }, l -> {
        });
        runner.accept(Flows.unknown("10.0.0.1", "expired").at(T).fqdn("x7f3.cdn.example.net").build());
        assertThat(seen).containsExactly("example.net");
    }
}
