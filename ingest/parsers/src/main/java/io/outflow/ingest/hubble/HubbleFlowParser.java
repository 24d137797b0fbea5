package io.outflow.ingest.hubble;

import io.outflow.ingest.BodyParser;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordContext;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.RecordParser;
import io.outflow.ingest.json.JsonObject;
import io.outflow.ingest.time.Timestamps;
import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.WorkloadIdentity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AKS container network logs: Hubble flow lines as Cilium's exporter (and Retina) write them,
 * {@code {"flow":{...},"node_name":"cluster/node","time":"..."}}. Each line is one {@code connection} event of
 * category {@code HubbleFlow} (BodyParser routes records holding a {@code flow} object here), with the pod identity
 * of both endpoints in {@code source} / {@code destination} (see {@link HubbleEndpoints}).
 *
 * <p>Decisions:
 * <ul>
 *   <li>Time: {@code flow.time}, else the line's {@code time} (the exporter writes both; when {@code flow.time} is
 *       unreadable the line's time is used and the event says so). A line with neither readable → quarantined.</li>
 *   <li>Aggregated logs (ACNS's default) drop pod IPs: a line without {@code flow.IP} still gives an event, without
 *       IPs, because its workload identity is what attribution needs. A line that names no IP and no endpoint
 *       identity carries nothing to attribute or detect on and is quarantined. A present but invalid
 *       {@code flow.IP.source} is quarantined (contract); an invalid destination is left out with a warning.</li>
 *   <li>Verdict: FORWARDED, REDIRECTED (to Cilium's proxy) and AUDIT (policy in audit mode lets it pass) →
 *       {@code allow}; DROPPED → {@code deny}; ERROR → {@code deny} too, because the packet did not get through
 *       (the raw verdict stays in {@code extras.verdict}, so policy drops can still be told from errors); TRACED,
 *       TRANSLATED and unknown-verdict lines have no action.</li>
 *   <li>Direction: {@code traffic_direction} EGRESS → outbound, INGRESS → inbound. It is the direction of the
 *       connection relative to the pod on the observing node; source and destination stay those of the packet,
 *       also for replies ({@code extras.isReply}).</li>
 *   <li>The endpoint on the observing node — the source of an egress flow or of an ingress reply, else the
 *       destination; the source when the direction is unknown — gets the node name from {@code node_name}.</li>
 *   <li>The event's {@code cluster} is that endpoint's {@code cluster_name}, else the cluster part of
 *       {@code node_name}.</li>
 *   <li>{@code destinationFqdn}: the DNS query ({@code l7.dns.query}) or HTTP host, else the first of Cilium's
 *       {@code destination_names} (names its DNS proxy saw for the destination IP).</li>
 * </ul>
 * Extras: {@code verdict}, {@code dropReason}, {@code isReply}, {@code summary}, {@code flowType}, {@code flowId},
 * {@code nodeName}, {@code ipVersion}, {@code encrypted}, {@code sourceSecurityIdentity},
 * {@code destinationSecurityIdentity}, {@code sourceService}, {@code destinationService}, and those of
 * {@link HubbleLayer4} and {@link HubbleLayer7}.
 */
public final class HubbleFlowParser implements RecordParser {

    /** A line's time: epoch milliseconds and a warning, or why there is none. */
    private record LineTime(long millis, String warning, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    @Override
    public Set<String> categories() {
        return Set.of(BodyParser.HUBBLE_CATEGORY);
    }

    @Override
    public void parse(JsonObject record, String envelopeCategory, RecordContext context, EntrySink sink) {
        String category = BodyParser.HUBBLE_CATEGORY; // the envelope's spelling may differ in case
        Object flowValue = record.get("flow");
        if (!(flowValue instanceof JsonObject flow)) {
            sink.quarantine(context.quarantine(category, record, category + ": flow: "
                    + (flowValue == null ? "missing" : "is not an object")));
            return;
        }
        LineTime time = time(flow, record);
        if (!time.ok()) {
            sink.quarantine(context.quarantine(category, record, category + ": " + time.failure()));
            return;
        }
        JsonObject ip = flow.object("IP");
        Object sourceValue = ip == null ? null : ip.get("source");
        String sourceIp = null;
        if (isPresent(sourceValue)) {
            sourceIp = sourceValue instanceof String s ? RecordFields.ip(s) : null;
            if (sourceIp == null) {
                sink.quarantine(context.quarantine(category, record, category + ": flow.IP.source "
                        + RecordFields.quote(sourceValue) + " is not an IP address"));
                return;
            }
        }

        FlowEvent event = FlowEvents.draft(category, FlowKind.connection, time.millis());
        if (time.warning() != null) {
            event.getWarnings().add(time.warning());
        }
        event.setSourceIp(sourceIp);
        if (ip != null) {
            event.setDestinationIp(RecordFields.optionalIp(ip.text("destination"), "flow.IP.destination", event));
            FlowEvents.extra(event, "ipVersion", ip.text("ipVersion"));
            if (Boolean.TRUE.equals(ip.bool("encrypted"))) {
                FlowEvents.extra(event, "encrypted", "true");
            }
        } else if (isPresent(flow.get("IP"))) {
            RecordFields.warn(event, "flow.IP", flow.get("IP"), "is not an object");
        }
        HubbleLayer4.read(flow.get("l4"), event);
        event.setAction(action(flow.text("verdict"), event));
        event.setDirection(direction(flow.text("traffic_direction"), event));
        Boolean reply = flow.bool("is_reply");
        if (reply != null) {
            FlowEvents.extra(event, "isReply", reply.toString());
        }

        String flowNode = flow.text("node_name");
        String nodeName = flowNode != null ? flowNode : record.text("node_name");
        ObservingNode node = ObservingNode.parse(nodeName);
        FlowEvents.extra(event, "nodeName", nodeName);
        boolean sourceIsLocal = event.getDirection() == Direction.inbound ? Boolean.TRUE.equals(reply)
                : !(event.getDirection() == Direction.outbound && Boolean.TRUE.equals(reply));
        JsonObject source = endpoint(flow, "source", event);
        JsonObject destination = endpoint(flow, "destination", event);
        JsonObject local = sourceIsLocal ? source : destination;
        String localCluster = local == null ? null : local.text("cluster_name");
        event.setCluster(localCluster != null ? localCluster.strip() : node.cluster());
        event.setSource(HubbleEndpoints.identity(source, "flow.source", event.getCluster(), node, sourceIsLocal,
                event));
        event.setDestination(HubbleEndpoints.identity(destination, "flow.destination", event.getCluster(), node,
                !sourceIsLocal, event));
        if (event.getSourceIp() == null && event.getDestinationIp() == null && event.getSource() == null
                && event.getDestination() == null) {
            sink.quarantine(context.quarantine(category, record, category
                    + ": flow names no IP address (flow.IP) and no endpoint identity (flow.source, flow.destination)"));
            return;
        }

        HubbleLayer7.read(flow.get("l7"), event);
        if (event.getDestinationFqdn() == null) {
            event.setDestinationFqdn(firstName(flow.array("destination_names")));
        }
        FlowEvents.extra(event, "dropReason", flow.text("drop_reason_desc"));
        FlowEvents.extra(event, "summary", flow.text("Summary"));
        FlowEvents.extra(event, "flowType", flow.text("Type"));
        FlowEvents.extra(event, "flowId", flow.text("uuid"));
        if (source != null) {
            FlowEvents.extra(event, "sourceSecurityIdentity", source.text("identity"));
        }
        if (destination != null) {
            FlowEvents.extra(event, "destinationSecurityIdentity", destination.text("identity"));
        }
        FlowEvents.extra(event, "sourceService", service(flow.object("source_service")));
        FlowEvents.extra(event, "destinationService", service(flow.object("destination_service")));
        sink.event(FlowEvents.seal(event));
    }

    private static LineTime time(JsonObject flow, JsonObject line) {
        LineTime fromFlow = readTime(flow.get("time"), "flow.time");
        if (fromFlow != null && fromFlow.ok()) {
            return fromFlow;
        }
        LineTime fromLine = readTime(line.get("time"), "time");
        if (fromLine != null && fromLine.ok()) {
            if (fromFlow == null) {
                return fromLine;
            }
            String warning = fromFlow.failure() + "; the line's time was used";
            return new LineTime(fromLine.millis(), fromLine.warning() == null ? warning
                    : warning + "; " + fromLine.warning(), null);
        }
        if (fromFlow != null) {
            return fromFlow;
        }
        return fromLine != null ? fromLine : new LineTime(0, null, "flow.time: missing");
    }

    /** Null when the value is absent; else the time or why it cannot be read. */
    private static LineTime readTime(Object value, String field) {
        if (!isPresent(value)) {
            return null;
        }
        if (value instanceof String text) {
            Timestamps.Parsed parsed = Timestamps.parse(text);
            if (parsed.ok()) {
                String warning = parsed.zoneless()
                        ? field + " " + RecordFields.quote(text) + " has no zone; read as UTC" : null;
                return new LineTime(parsed.epochMillis(), warning, null);
            }
        }
        return new LineTime(0, null, field + " " + RecordFields.quote(value) + " is not an ISO-8601 time");
    }

    private static FlowAction action(String verdict, FlowEvent event) {
        if (verdict == null) {
            return null;
        }
        FlowEvents.extra(event, "verdict", verdict.strip());
        switch (verdict.strip().toUpperCase(Locale.ROOT)) {
            case "FORWARDED":
            case "REDIRECTED":
            case "AUDIT":
                return FlowAction.allow;
            case "DROPPED":
            case "ERROR":
                return FlowAction.deny;
            case "TRACED":
            case "TRANSLATED":
            case "VERDICT_UNKNOWN":
                return null;
            default:
                RecordFields.warn(event, "flow.verdict", verdict, "is not a known verdict");
                return null;
        }
    }

    private static Direction direction(String trafficDirection, FlowEvent event) {
        if (trafficDirection == null) {
            return null;
        }
        switch (trafficDirection.strip().toUpperCase(Locale.ROOT)) {
            case "EGRESS":
                return Direction.outbound;
            case "INGRESS":
                return Direction.inbound;
            case "TRAFFIC_DIRECTION_UNKNOWN":
                return null;
            default:
                RecordFields.warn(event, "flow.traffic_direction", trafficDirection, "is not EGRESS or INGRESS");
                return null;
        }
    }

    private static JsonObject endpoint(JsonObject flow, String key, FlowEvent event) {
        Object value = flow.get(key);
        if (value instanceof JsonObject endpoint) {
            return endpoint;
        }
        if (isPresent(value)) {
            RecordFields.warn(event, "flow." + key, value, "is not an object");
        }
        return null;
    }

    private static String firstName(List<Object> names) {
        if (names != null) {
            for (Object name : names) {
                if (name instanceof String s && !s.isBlank()) {
                    return RecordFields.fqdn(s);
                }
            }
        }
        return null;
    }

    /** A Kubernetes service as {@code namespace/name}, or the name alone. */
    private static String service(JsonObject service) {
        if (service == null) {
            return null;
        }
        String name = service.text("name");
        if (name == null) {
            return null;
        }
        String namespace = service.text("namespace");
        return namespace == null ? name.strip() : namespace.strip() + "/" + name.strip();
    }

    private static boolean isPresent(Object value) {
        return value != null && value != JsonObject.NULL && !(value instanceof String s && s.isBlank());
    }
}
