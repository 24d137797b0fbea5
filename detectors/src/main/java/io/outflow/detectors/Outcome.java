package io.outflow.detectors;

import io.outflow.schemas.Alert;
import java.util.List;

/**
 * What advancing a key's state to a watermark gave: the state to keep (null when the key can be forgotten) and the
 * alerts (new ones and revisions of earlier ones) in a deterministic order.
 */
public record Outcome<S>(S state, List<Alert> alerts) {
    public Outcome {
        alerts = List.copyOf(alerts);
    }

    public static <S> Outcome<S> quiet(S state) {
        return new Outcome<>(state, List.of());
    }
}
