package io.outflow.replay.backtest;

import io.outflow.schemas.Alert;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a config change does to the alerts of the same history. An alert's ID derives from detector, version, cluster,
 * entity and window start, not from the config, so the same finding has the same ID under both configs: an ID only
 * in the candidate is added, only in the baseline removed, in both with other content changed.
 */
public record BacktestComparison(BacktestSide baseline, BacktestSide candidate, List<Alert> added,
                                 List<Alert> removed, List<Changed> changed) {

    /** The same finding, raised differently (severity, score, window, evidence...). */
    public record Changed(Alert before, Alert after, List<String> fields) {
    }

    /** Fields left out of "changed": they differ whenever the config does. */
    private static final List<String> IGNORED = List.of("configVersion", "outflowVersion", "mode");

    public static BacktestComparison of(BacktestSide baseline, BacktestSide candidate) {
        Map<String, Alert> before = index(baseline.alerts());
        Map<String, Alert> after = index(candidate.alerts());
        List<Alert> added = new ArrayList<>();
        List<Alert> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        after.forEach((id, alert) -> {
            Alert old = before.get(id);
            if (old == null) {
                added.add(alert);
            } else {
                List<String> fields = differences(old, alert);
                if (!fields.isEmpty()) {
                    changed.add(new Changed(old, alert, fields));
                }
            }
        });
        before.forEach((id, alert) -> {
            if (!after.containsKey(id)) {
                removed.add(alert);
            }
        });
        return new BacktestComparison(baseline, candidate, added, removed, changed);
    }

    /** Every day either side has an alert, for the charts' axis. */
    public SortedSet<LocalDate> days() {
        SortedSet<LocalDate> days = new TreeSet<>();
        baseline.alerts().forEach(a -> days.add(BacktestSide.day(a)));
        candidate.alerts().forEach(a -> days.add(BacktestSide.day(a)));
        return days;
    }

    /** Every detector either side raised alerts for. */
    public SortedSet<String> detectors() {
        SortedSet<String> detectors = new TreeSet<>(baseline.byDetector().keySet());
        detectors.addAll(candidate.byDetector().keySet());
        return detectors;
    }

    private static Map<String, Alert> index(List<Alert> alerts) {
        Map<String, Alert> byId = new LinkedHashMap<>();
        alerts.forEach(a -> byId.put(a.getAlertId(), a));
        return byId;
    }

    private static List<String> differences(Alert a, Alert b) {
        List<String> fields = new ArrayList<>();
        for (org.apache.avro.Schema.Field field : Alert.getClassSchema().getFields()) {
            if (!IGNORED.contains(field.name()) && !Objects.equals(a.get(field.pos()), b.get(field.pos()))) {
                fields.add(field.name());
            }
        }
        return fields;
    }
}
