package io.outflow.enrichment.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The distillation of one Kubernetes object's JSON into an {@link IdentityChange}, the same for history files and
 * for live sources: an informer may serialize the object it received (fabric8 models serialize to the API's
 * JSON) and call {@link #toChange}, so that live and replayed timelines are built from identical changes.
 */
public final class KubernetesObjects {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private KubernetesObjects() {
    }

    /**
     * @param objectJson the object as the API serves it ({@code {"apiVersion":…,"kind":…,"metadata":…}})
     * @param observedAt when the source saw the change, or null
     * @return the change, or null for kinds the timeline does not use (anything but Pod, ReplicaSet, Job, Node)
     */
    public static IdentityChange toChange(String cluster, ChangeType type, byte[] objectJson, Instant observedAt) {
        try (JsonParser p = JSON.createParser(objectJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a Kubernetes object must be a JSON object");
            }
            return KubernetesObject.read(p).toChange(cluster, type, observedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable Kubernetes object: " + e.getMessage(), e);
        }
    }
}
