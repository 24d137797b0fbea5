package io.outflow.detectors.prevalence;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Outcome;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.laws.DetectorLaws;
import io.outflow.detectors.newfqdn.NewFqdnDetector;
import io.outflow.detectors.newfqdn.NewFqdnSettings;
import io.outflow.detectors.newfqdn.NewFqdnState;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.detectors.testing.Flows;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector laws for the prevalence stage behind a real detector (new_fqdn, learning for an hour): alerts do not
 * depend on arrival order within the lateness nor on duplicate deliveries; advancing a stage key restored from its
 * bytes in two steps equals one jump.
 */
class PrevalenceLawsTest {
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final AlertContext CONTEXT = new AlertContext("0123456789ab", "test", Mode.replay);
    private static final NewFqdnSettings FAST = new NewFqdnSettings(true, Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofHours(3), 64, Duration.ofMinutes(30), true, 0.5, 0.4, 0.7, 10);
    private static final PrevalenceSettings SETTINGS = new PrevalenceSettings(true, Duration.ofHours(2), 3,
            Severity.informational, 0.5, List.of("new_fqdn"), 5);
    private static final Comparator<Alert> ORDER = Comparator.comparing(Alert::getAlertId)
            .thenComparingInt(Alert::getRevision);

    @ParameterizedTest
    @ValueSource(longs = {5, 17, 71, 907, 2026})
    void alertsDependOnTheSetOfFlowsOnly(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        List<Alert> inOrder = run(flows);
        assertThat(inOrder).as("seed %d: damped alerts", seed)
                .anyMatch(a -> a.getEvidence().contains("\"common\":true"));
        assertThat(inOrder).as("seed %d: alerts left alone", seed)
                .anyMatch(a -> a.getEvidence().contains("\"common\":false"));
        assertThat(inOrder).allMatch(a -> a.getEvidence().contains("\"prevalence\""));

        DetectorLaws<NewFqdnState> laws = new DetectorLaws<>(detector(), LATENESS);
        List<EnrichedFlow> shuffled = laws.shuffleWithinLateness(flows, new Random(seed));
        assertThat(run(shuffled)).as("seed %d: shuffled within the lateness", seed).isEqualTo(inOrder);

        List<EnrichedFlow> twice = new ArrayList<>(flows);
        Random random = new Random(seed + 1);
        for (int i = 0; i < flows.size() / 5; i++) {
            int at = random.nextInt(flows.size());
            twice.add(Math.min(twice.size(), at + 1 + random.nextInt(3)), EnrichedFlow.newBuilder(flows.get(at))
                    .build());
        }
        twice.sort(Comparator.comparing(f -> f.getFlow().getTime())); // keeps every redelivery on time
        assertThat(run(twice)).as("seed %d: duplicate deliveries", seed).isEqualTo(inOrder);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 17, 71})
    void advancingInTwoStepsEqualsOneJump(long seed) {
        List<EnrichedFlow> flows = traffic(new Random(seed));
        DestinationPrevalence stage = new DestinationPrevalence(SETTINGS);
        Map<String, PrevalenceState> states = new TreeMap<>();
        for (EnrichedFlow flow : flows) {
            stage.contactOf(flow).ifPresent(c -> states.put(c.key(), stage.absorb(states.get(c.key()), c)));
        }
        for (Alert alert : LocalRunner.run(List.of(detector()), LATENESS, flows)) {
            stage.keyOf(alert).ifPresent(k -> states.put(k, stage.hold(states.get(k), alert)));
        }
        Instant first = flows.get(0).getFlow().getTime();
        Random random = new Random(seed);
        for (Map.Entry<String, PrevalenceState> entry : states.entrySet()) {
            byte[] bytes = stage.stateCodec().encode(entry.getValue());
            long a = (long) (random.nextDouble() * Duration.ofHours(20).toMillis());
            long b = (long) (random.nextDouble() * Duration.ofHours(20).toMillis());
            Instant w1 = first.plusMillis(Math.min(a, b));
            Instant w2 = first.plusMillis(Math.max(a, b));
            Outcome<PrevalenceState> step1 = stage.advance(stage.stateCodec().decode(bytes), w1);
            List<Alert> stepped = new ArrayList<>(step1.alerts());
            PrevalenceState after = step1.state();
            if (after != null) {
                Outcome<PrevalenceState> step2 = stage.advance(after, w2);
                stepped.addAll(step2.alerts());
                after = step2.state();
            }
            Outcome<PrevalenceState> jump = stage.advance(stage.stateCodec().decode(bytes), w2);
            assertThat(stepped).as("seed %d key %s", seed, entry.getKey()).isEqualTo(jump.alerts());
            assertThat(hex(stage, after)).as("seed %d key %s", seed, entry.getKey()).isEqualTo(hex(stage,
                    jump.state()));
        }
    }

    private static String hex(DestinationPrevalence stage, PrevalenceState state) {
        return state == null ? "null" : HexFormat.of().formatHex(stage.stateCodec().encode(state));
    }

    private static NewFqdnDetector detector() {
        return new NewFqdnDetector(FAST, CONTEXT);
    }

    /** new_fqdn and the stage through the reference engine; sorted by (alertId, revision). */
    static List<Alert> run(List<EnrichedFlow> flows) {
        DestinationPrevalence stage = new DestinationPrevalence(SETTINGS);
        List<Alert> alerts = new ArrayList<>();
        LocalRunner runner = new LocalRunner(List.of(detector()), stage,
                LATENESS, AlertReview.passAll(), alerts::add, late -> {
                    throw new AssertionError("late: " + late);
                });
        flows.forEach(runner::accept);
        runner.finish();
        alerts.sort(ORDER);
        return alerts;
    }

    /** Twelve sources over ten hours: a shared API most of them use, rarer domains, churn, and flow tuples. */
    static List<EnrichedFlow> traffic(Random random) {
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        List<Flows> sources = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sources.add(Flows.pod("shop", "Deployment", "svc" + i, "svc" + i + "-abc", "10.244.1." + (10 + i)));
        }
        sources.add(Flows.node("aks-nodepool1-1", "10.224.0.5"));
        sources.add(Flows.unknown("10.224.9.9", "outside-known-ranges"));
        String[] rare = {"login.example.org", "a.b.example.co.uk", "x1.cdn.example.com", "x2.cdn.example.com"};
        List<EnrichedFlow> flows = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            Flows from = sources.get(random.nextInt(sources.size()));
            Instant at = start.plusSeconds(random.nextInt(10 * 3600));
            String name;
            int pick = random.nextInt(10);
            if (pick < 5) {
                name = "api.shared-flags.io";
            } else if (pick < 8) {
                name = rare[random.nextInt(rare.length)];
            } else {
                name = "n" + random.nextInt(30) + ".fresh" + random.nextInt(12) + ".net";
            }
            if (random.nextInt(6) == 0) {
                flows.add(from.at(at).to("198.51.100." + random.nextInt(5), 443).category("FlowLogFlowEvent")
                        .kind(FlowKind.flow_summary).bytes(700, 300).build());
            } else {
                flows.add(RegisteredDomains.fill(from.at(at).fqdn(name).port(443).category("AZFWApplicationRule")
                        .build()));
            }
        }
        flows.sort(Comparator.comparing((EnrichedFlow f) -> f.getFlow().getTime())
                .thenComparing(f -> f.getFlow().getEventId()));
        return flows;
    }
}
