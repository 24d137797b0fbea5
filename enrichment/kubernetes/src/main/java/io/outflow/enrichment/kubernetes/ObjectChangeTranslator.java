package io.outflow.enrichment.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.outflow.enrichment.history.LiveObjectConversion;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import java.time.Instant;

/**
 * A fabric8 object to the {@link IdentityChange} the history reader makes of the same object as JSON: the object is
 * written back to the API's JSON with the client's own serialization and handed to that reader's conversion, so the
 * live and the file sources cannot drift apart.
 */
final class ObjectChangeTranslator {
    private final KubernetesSerialization serialization;

    ObjectChangeTranslator(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    IdentityChange translate(String cluster, ChangeType type, HasMetadata object, Instant observedAt) {
        IdentityChange change = LiveObjectConversion.toChange(cluster, type, serialization.asJson(object), observedAt);
        if (change == null) {
            throw new IllegalStateException("the history conversion does not take " + object.getKind() + " "
                    + object.getMetadata().getName());
        }
        return change;
    }
}
