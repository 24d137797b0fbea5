package io.outflow.detectors.alert;

import io.outflow.detectors.DetectorId;
import io.outflow.schemas.ids.ContentId;
import java.time.Instant;

/**
 * The alert ID of DESIGN.md: hex of the first 128 bits of SHA-256 over
 * {@code detector|detectorVersion|cluster|entity|windowStart} (windowStart in epoch milliseconds). Revisions of one
 * finding keep the windowStart of their first revision, hence the ID.
 */
public final class AlertId {
    private AlertId() {
    }

    public static String of(DetectorId detector, String cluster, String entity, Instant windowStart) {
        return ContentId.of(detector.name() + "|" + detector.version() + "|" + (cluster == null ? "" : cluster) + "|"
                + entity + "|" + windowStart.toEpochMilli());
    }
}
