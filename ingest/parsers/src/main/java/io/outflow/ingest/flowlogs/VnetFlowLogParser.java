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
 * VNet flow logs (category {@code FlowLogFlowEvent}, {@code flowLogVersion} 4): one {@code flow_summary} event per
 * tuple of {@code flowRecords.flows[].flowGroups[].flowTuples[]}. The event's {@code resourceId} is the flow log's
 * target (the VNet, {@code targetResourceID}); extras carry {@code rule}, {@code aclId}, {@code macAddress} (upper
 * case), {@code encryption}, {@code flowLogResourceId}, {@code flowLogGuid} and {@code flowLogVersion}.
 *
 * <p>A record whose {@code flowRecords} (or {@code flowRecords.flows}) is missing or of the wrong type is one
 * quarantined entry; a record with no tuples gives no entries. Any {@code flowLogVersion} other than 4 is read with
 * the version-4 layout and noted in each event's warnings: it is the only layout Azure documents.
 */
public final class VnetFlowLogParser implements RecordParser {
    public static final String CATEGORY = "FlowLogFlowEvent";
    static final long KNOWN_VERSION = 4;

    @Override
    public Set<String> categories() {
        return Set.of(CATEGORY);
    }

    @Override
    public void parse(JsonObject record, String envelopeCategory, RecordContext context, EntrySink sink) {
        String category = CATEGORY; // the envelope's spelling may differ in case
        FlowTupleOutcomes outcomes = new FlowTupleOutcomes(category, context, sink);
        Object flowRecords = record.get("flowRecords");
        if (!(flowRecords instanceof JsonObject body)) {
            outcomes.brokenPiece(record, "flowRecords: " + FlowTupleOutcomes.missingOr(flowRecords,
                    "is not an object"));
            return;
        }
        Object flows = body.get("flows");
        if (!(flows instanceof List<?>)) {
            outcomes.brokenPiece(record, "flowRecords.flows: " + FlowTupleOutcomes.missingOr(flows,
                    "is not an array"));
            return;
        }
        TupleOrigin origin = origin(record, category);
        outcomes.forEachObject(flows, body, "flowRecords.flows", (flowPath, flow) -> {
            TupleOrigin flowOrigin = origin.withExtra("aclId", flow.text("aclID"));
            outcomes.forEachObject(flow.get("flowGroups"), flow, flowPath + ".flowGroups", (groupPath, group) ->
                    outcomes.tuples(group.get("flowTuples"), group, groupPath + ".flowTuples", TupleLayout.VNET_V4,
                            flowOrigin.withExtra("rule", group.text("rule"))));
        });
    }

    private static TupleOrigin origin(JsonObject record, String category) {
        Map<String, String> extras = new HashMap<>();
        List<String> warnings = new ArrayList<>(1);
        String version = record.text("flowLogVersion");
        if (version != null) {
            extras.put("flowLogVersion", version);
            Long number = RecordFields.wholeNumber(record.get("flowLogVersion"));
            if (number == null || number != KNOWN_VERSION) {
                warnings.add("flowLogVersion " + RecordFields.quote(version) + " is not " + KNOWN_VERSION
                        + "; tuples read as version " + KNOWN_VERSION);
            }
        }
        String mac = record.text("macAddress");
        if (mac != null) {
            String normalized = MacAddresses.normalize(mac);
            if (normalized != null) {
                extras.put("macAddress", normalized);
            } else {
                warnings.add("macAddress " + RecordFields.quote(mac) + " is not a MAC address; left out");
            }
        }
        putText(extras, "flowLogResourceId", record.text("flowLogResourceID"));
        putText(extras, "flowLogGuid", record.text("flowLogGUID"));
        return new TupleOrigin(category, record.text("targetResourceID"), extras, warnings);
    }

    private static void putText(Map<String, String> extras, String key, String value) {
        if (value != null) {
            extras.put(key, value.strip());
        }
    }
}
