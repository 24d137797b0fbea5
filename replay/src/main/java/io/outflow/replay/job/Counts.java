package io.outflow.replay.job;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import io.outflow.detectors.run.AlertReview;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * Named counters summed over every task of the job, read by the client at the end (and while the job runs, for the
 * progress line). Keys are {@code group/name}, e.g. {@code late/beaconing}.
 */
public final class Counts implements Accumulator<Counts.Increment, TreeMap<String, Long>> {
    private static final long serialVersionUID = 1L;

    /** One addition. */
    public record Increment(String key, long amount) implements Serializable {
    }

    private TreeMap<String, Long> values = new TreeMap<>();

    public void add(String key, long amount) {
        values.merge(key, amount, Long::sum);
    }

    @Override
    public void add(Increment increment) {
        add(increment.key(), increment.amount());
    }

    @Override
    public TreeMap<String, Long> getLocalValue() {
        return values;
    }

    @Override
    public void resetLocal() {
        values = new TreeMap<>();
    }

    @Override
    public void merge(Accumulator<Increment, TreeMap<String, Long>> other) {
        other.getLocalValue().forEach(this::add);
    }

    @Override
    public Counts clone() {
        Counts copy = new Counts();
        copy.values = new TreeMap<>(values);
        return copy;
    }

    /**
     * At the end of a task that reviews alerts: how many alerts each allowlist entry or suppression rule dropped, as
     * {@code suppressed/<rule>} under an accumulator named after the operator (the runner sums every {@code COUNTS*}
     * accumulator).
     */
    static void addSuppressed(RuntimeContext context, String operator, DetectorSuite suite, AlertReview review) {
        if (review == null) {
            return;
        }
        Counts counts = new Counts();
        suite.suppressed(review).forEach((rule, n) -> counts.add("suppressed/" + rule, n));
        context.addAccumulator(EnrichFunction.COUNTS + ".suppressed." + operator, counts);
    }

    /** The values under {@code group/}, by name. */
    public static Map<String, Long> group(Map<String, Long> all, String group) {
        Map<String, Long> out = new TreeMap<>();
        String prefix = group + "/";
        all.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }
}
