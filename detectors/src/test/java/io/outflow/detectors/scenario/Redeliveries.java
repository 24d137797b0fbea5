package io.outflow.detectors.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.Detector;
import io.outflow.detectors.run.AlertReview;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The duplicate-delivery law for long inputs: a fifth of the flows delivered again, each right after a later flow
 * that keeps it on time (no flow between original and copy is more than the lateness after the original), must give
 * the same alerts and the same state bytes. (The shared harness places copies by their index in the original list,
 * which on inputs of many hours lands some copies hours early and makes the flows after them late.)
 */
public final class Redeliveries {
    private Redeliveries() {
    }

    public static List<EnrichedFlow> withCopies(List<EnrichedFlow> flowsInTimeOrder, Duration lateness, Random random) {
        List<EnrichedFlow> out = new ArrayList<>(flowsInTimeOrder);
        int copies = Math.max(1, flowsInTimeOrder.size() / 5);
        for (int c = 0; c < copies; c++) {
            EnrichedFlow original = flowsInTimeOrder.get(random.nextInt(flowsInTimeOrder.size()));
            long limit = original.getFlow().getTime().toEpochMilli() + lateness.toMillis() - 1;
            int position = indexOf(out, original) + 1;
            while (position < out.size() && random.nextInt(3) != 0
                    && out.get(position).getFlow().getTime().toEpochMilli() <= limit) {
                position++;
            }
            out.add(position, EnrichedFlow.newBuilder(original).build());
        }
        return out;
    }

    public static <S> void checkDuplicatesChangeNothing(Detector<S> detector, List<EnrichedFlow> flowsInTimeOrder,
                                                        Duration lateness, long seed) {
        List<EnrichedFlow> copies = withCopies(flowsInTimeOrder, lateness, new Random(seed));
        Result once = run(detector, flowsInTimeOrder, lateness);
        Result twice = run(detector, copies, lateness);
        assertThat(twice.late).as("seed %d: a redelivered flow was late", seed).isZero();
        assertThat(twice.alerts).as("seed %d: alerts with duplicate deliveries", seed).isEqualTo(once.alerts);
        assertThat(twice.states).as("seed %d: states with duplicate deliveries", seed).isEqualTo(once.states);
    }

    private record Result(List<Alert> alerts, Map<String, String> states, long late) {
    }

    private static <S> Result run(Detector<S> detector, List<EnrichedFlow> flows, Duration lateness) {
        List<Alert> alerts = new ArrayList<>();
        long[] late = {0};
        LocalRunner runner = new LocalRunner(List.of(detector), lateness, AlertReview.passAll(), alerts::add,
                l -> late[0]++);
        TreeMap<String, String> states = new TreeMap<>();
        for (EnrichedFlow flow : flows) {
            runner.accept(flow);
            detector.keyOf(flow).ifPresent(k -> states.put(k, ""));
        }
        for (String key : states.keySet()) {
            S state = runner.stateOf(detector, key);
            states.put(key, state == null ? "null" : HexFormat.of().formatHex(detector.stateCodec().encode(state)));
        }
        runner.finish();
        alerts.sort(Comparator.comparing(Alert::getAlertId).thenComparingInt(Alert::getRevision));
        return new Result(alerts, states, late[0]);
    }

    private static int indexOf(List<EnrichedFlow> flows, EnrichedFlow flow) {
        for (int i = 0; i < flows.size(); i++) {
            if (flows.get(i) == flow) {
                return i;
            }
        }
        throw new IllegalStateException("not in the list");
    }
}
