package io.outflow.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The JSON Lines form of a quarantine entry, shared by every output that writes the quarantine. */
public final class QuarantineJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private QuarantineJson() {
    }

    public static String toJson(QuarantineEntry entry) {
        StringWriter out = new StringWriter(256 + entry.raw().length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("category", entry.category());
            json.writeStringField("reason", entry.reason());
            json.writeStringField("source", entry.source());
            json.writeNumberField("offset", entry.offset());
            json.writeStringField("raw", entry.raw());
            if (entry.rawTruncated()) {
                json.writeBooleanField("rawTruncated", true);
            }
            json.writeNumberField("rawLength", entry.rawLength());
            json.writeStringField("rawSha256", entry.rawSha256());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
