package io.outflow.replay.backtest;

import io.outflow.schemas.Alert;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One config's replay in a backtest: its alerts (last revision of each) and what it counted.
 *
 * @param label "baseline" or "candidate"
 * @param configName the config file
 * @param configVersion the config's version as alerts carry it
 * @param alerts one per alertId, in file order
 * @param suppressed alerts each allowlist entry (or suppression rule) dropped, by entry
 * @param late late flows per detector
 */
public record BacktestSide(String label, String configName, String configVersion, List<Alert> alerts,
                           Map<String, Long> suppressed, long flows, Map<String, Long> late) {

    public BacktestSide {
        alerts = List.copyOf(alerts);
        suppressed = new TreeMap<>(suppressed);
        late = new TreeMap<>(late);
    }

    /** Alerts per detector. */
    public SortedMap<String, Long> byDetector() {
        SortedMap<String, Long> out = new TreeMap<>();
        alerts.forEach(a -> out.merge(a.getDetector(), 1L, Long::sum));
        return out;
    }

    /** Alerts per detector per day (UTC) of the window start. */
    public SortedMap<String, SortedMap<LocalDate, Long>> byDetectorAndDay() {
        SortedMap<String, SortedMap<LocalDate, Long>> out = new TreeMap<>();
        for (Alert alert : alerts) {
            out.computeIfAbsent(alert.getDetector(), d -> new TreeMap<>())
                    .merge(day(alert), 1L, Long::sum);
        }
        return out;
    }

    static LocalDate day(Alert alert) {
        return LocalDate.ofInstant(alert.getWindowStart(), ZoneOffset.UTC);
    }
}
