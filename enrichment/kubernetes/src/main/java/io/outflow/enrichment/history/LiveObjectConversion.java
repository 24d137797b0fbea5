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
 * The live source's way into the history reader's conversion: one object's JSON, as a watch event's
 * {@code object} holds it, read by {@link KubernetesObject} exactly as {@link HistoryReader} reads it from a file.
 * There is one conversion from Kubernetes JSON to {@link IdentityChange}, and it lives in
 * {@code enrichment/identity}.
 *
 * <p>This class sits in the history package (a split package on the class path) only because that module has no
 * public entry point for a single object yet; when it gets one, this class goes and the call moves there.
 */
public final class LiveObjectConversion {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private LiveObjectConversion() {
    }

    /**
     * The change {@code objectJson} makes, or null when the object is of a kind the timeline does not use.
     *
     * @param observedAt when the source saw the change (history files have none)
     */
    public static IdentityChange toChange(String cluster, ChangeType type, String objectJson, Instant observedAt) {
        try (JsonParser parser = JSON.createParser(objectJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + abbreviate(objectJson));
            }
            return KubernetesObject.read(parser).toChange(cluster, type, observedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable object JSON: " + abbreviate(objectJson), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }
}
