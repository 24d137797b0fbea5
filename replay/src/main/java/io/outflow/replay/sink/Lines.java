package io.outflow.replay.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outflow.detectors.run.LateFlow;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.QuarantineJson;
import io.outflow.schemas.json.ContractJson;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The JSON Lines forms of the replay's side outputs. */
public final class Lines {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private Lines() {
    }

    /** Turns one value into one line (without the newline). */
    @FunctionalInterface
    public interface Format<T> extends Serializable {
        String line(T value);
    }

    public static final Format<QuarantineEntry> QUARANTINE = QuarantineJson::toJson;

    /**
     * A late flow: the detector it was late for, the key it would have gone to, the watermark it was behind, and the
     * enriched flow in contract form.
     */
    public static final Format<LateFlow> LATE = Lines::late;

    private static String late(LateFlow late) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("detector", late.detector());
            json.writeStringField("key", late.key());
            json.writeStringField("watermark", ContractJson.formatTime(late.watermark()));
            json.writeFieldName("flow");
            ContractJson.writeRecord(late.flow(), json, null);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
