package io.outflow.ingest.flowlogs;

import io.outflow.ingest.EntrySink;
import io.outflow.ingest.RecordContext;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.RecordParser;
import io.outflow.ingest.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NSG flow logs (category {@code NetworkSecurityGroupFlowEvent}, {@code properties.Version} 1 or 2): one
 * {@code flow_summary} event per tuple of {@code properties.flows[]} (one per rule) {@code .flows[]} (one per MAC)
 * {@code .flowTuples[]}. The event's {@code resourceId} is the NSG; extras carry {@code rule}, {@code macAddress}
 * (upper case), {@code flowLogVersion} and {@code systemId}.
 *
 * <p>Version 1 tuples have 8 fields and version 2 tuples 13; a tuple of the other length is quarantined. When the
 * record gives no known version, each tuple's layout is taken from its field count and the events say so in their
 * warnings. A record whose {@code properties} or {@code properties.flows} is missing or of the wrong type is one
 * quarantined entry; a record with no tuples gives no entries.
 */
public final class NsgFlowLogParser implements RecordParser {
    public static final String CATEGORY = "NetworkSecurityGroupFlowEvent";

    @Override
    public Set<String> categories() {
        return Set.of(CATEGORY);
    }

    @Override
    public void parse(JsonObject record, String envelopeCategory, RecordContext context, EntrySink sink) {
        String category = CATEGORY; // the envelope's spelling may differ in case
        FlowTupleOutcomes outcomes = new FlowTupleOutcomes(category, context, sink);
        Object value = record.get("properties");
        if (!(value instanceof JsonObject properties)) {
            outcomes.brokenPiece(record, "properties: " + FlowTupleOutcomes.missingOr(value, "is not an object"));
            return;
        }
        Object flows = properties.get("flows");
        if (!(flows instanceof List<?>)) {
            outcomes.brokenPiece(record, "properties.flows: " + FlowTupleOutcomes.missingOr(flows,
                    "is not an array"));
            return;
        }
        Map<String, String> extras = new HashMap<>();
        List<String> warnings = new ArrayList<>(1);
        String version = properties.text("Version");
        TupleLayout layout = TupleLayout.nsgVersion(RecordFields.wholeNumber(properties.get("Version")));
        if (version != null) {
            extras.put("flowLogVersion", version);
        }
        if (layout == null) {
            warnings.add(version == null
                    ? "properties.Version missing; tuple layout taken from its field count"
                    : "properties.Version " + RecordFields.quote(version)
                            + " is not 1 or 2; tuple layout taken from its field count");
        }
        String systemId = record.text("systemId");
        if (systemId != null) {
            extras.put("systemId", systemId.strip());
        }
        TupleOrigin origin = new TupleOrigin(category, record.text("resourceId"), extras, warnings);
        outcomes.forEachObject(flows, properties, "properties.flows", (rulePath, ruleFlows) -> {
            TupleOrigin ruleOrigin = origin.withExtra("rule", ruleFlows.text("rule"));
            outcomes.forEachObject(ruleFlows.get("flows"), ruleFlows, rulePath + ".flows", (macPath, macFlows) ->
                    outcomes.tuples(macFlows.get("flowTuples"), macFlows, macPath + ".flowTuples", layout,
                            withMac(ruleOrigin, macFlows.text("mac"))));
        });
    }

    private static TupleOrigin withMac(TupleOrigin origin, String mac) {
        if (mac == null) {
            return origin;
        }
        String normalized = MacAddresses.normalize(mac);
        return normalized != null ? origin.withExtra("macAddress", normalized)
                : origin.withWarning("mac " + RecordFields.quote(mac) + " is not a MAC address; left out");
    }
}
