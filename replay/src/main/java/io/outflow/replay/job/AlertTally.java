package io.outflow.replay.job;

import io.outflow.schemas.Alert;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Counts alerts (distinct alertIds) and revisions per detector on their way to the sink. */
final class AlertTally extends ProcessFunction<Alert, Alert> {
    private static final long serialVersionUID = 1L;

    private transient Counts counts;
    private transient Set<String> seen;

    @Override
    public void open(Configuration parameters) {
        counts = new Counts();
        seen = new HashSet<>();
        getRuntimeContext().addAccumulator(EnrichFunction.COUNTS, counts);
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) {
        counts.add("revisions/" + alert.getDetector(), 1);
        if (seen.add(alert.getAlertId())) {
            counts.add("alerts/" + alert.getDetector(), 1);
        }
        out.collect(alert);
    }
}
