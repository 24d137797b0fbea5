package io.outflow.replay.backtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outflow.schemas.Alert;
import io.outflow.schemas.json.ContractJson;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** {@code report.json}: the backtest's numbers and alerts for scripts; alerts in their contract JSON form. */
public final class ReportJson {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ReportJson() {
    }

    public static void write(BacktestComparison c, String history, Writer out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeStringField("history", history);
            side(json, c.baseline());
            side(json, c.candidate());
            alerts(json, "added", c.added());
            alerts(json, "removed", c.removed());
            json.writeArrayFieldStart("changed");
            for (BacktestComparison.Changed ch : c.changed()) {
                json.writeStartObject();
                json.writeStringField("alertId", ch.after().getAlertId());
                json.writeArrayFieldStart("fields");
                for (String field : ch.fields()) {
                    json.writeString(field);
                }
                json.writeEndArray();
                json.writeFieldName("baseline");
                ContractJson.writeRecord(ch.before(), json, null);
                json.writeFieldName("candidate");
                ContractJson.writeRecord(ch.after(), json, null);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("totals");
            json.writeNumberField("baseline", c.baseline().alerts().size());
            json.writeNumberField("candidate", c.candidate().alerts().size());
            json.writeNumberField("added", c.added().size());
            json.writeNumberField("removed", c.removed().size());
            json.writeNumberField("changed", c.changed().size());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void side(JsonGenerator json, BacktestSide side) throws IOException {
        json.writeObjectFieldStart(side.label());
        json.writeStringField("config", side.configName());
        json.writeStringField("configVersion", side.configVersion());
        json.writeNumberField("flows", side.flows());
        json.writeNumberField("alerts", side.alerts().size());
        counts(json, "alertsByDetector", side.byDetector());
        json.writeObjectFieldStart("alertsByDetectorAndDay");
        for (Map.Entry<String, SortedMap<LocalDate, Long>> e : side.byDetectorAndDay().entrySet()) {
            json.writeObjectFieldStart(e.getKey());
            for (Map.Entry<LocalDate, Long> day : e.getValue().entrySet()) {
                json.writeNumberField(day.getKey().toString(), day.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        counts(json, "suppressedByEntry", side.suppressed());
        counts(json, "lateByDetector", side.late());
        json.writeEndObject();
    }

    private static void counts(JsonGenerator json, String name, Map<String, Long> counts) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            json.writeNumberField(e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }

    private static void alerts(JsonGenerator json, String name, List<Alert> alerts) throws IOException {
        json.writeArrayFieldStart(name);
        for (Alert alert : alerts) {
            ContractJson.writeRecord(alert, json, null);
        }
        json.writeEndArray();
    }
}
