package io.outflow.replay.sink;

import io.outflow.schemas.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last revision of each alert. Files list them by window start, then detector, then alertId, so that two runs
 * over the same input give the same file whatever the parallelism.
 */
public final class LatestRevisions {
    public static final Comparator<Alert> FILE_ORDER = Comparator.comparing(Alert::getWindowStart)
            .thenComparing(Alert::getDetector).thenComparing(Alert::getAlertId);

    private final Map<String, Alert> byId = new HashMap<>();

    public void add(Alert alert) {
        byId.merge(alert.getAlertId(), alert, (held, next) -> next.getRevision() >= held.getRevision() ? next : held);
    }

    public int size() {
        return byId.size();
    }

    public List<Alert> inFileOrder() {
        List<Alert> alerts = new ArrayList<>(byId.values());
        alerts.sort(FILE_ORDER);
        return alerts;
    }
}
