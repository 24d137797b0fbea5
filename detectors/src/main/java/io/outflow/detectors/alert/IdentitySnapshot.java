package io.outflow.detectors.alert;

import io.outflow.detectors.entity.SourceEntity;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.Comparator;

/**
 * The identity fields an alert carries (cluster, namespace, workload, kind, pod, node, attribution and its reason,
 * source address), taken from one representative flow. A detector keeps the snapshot of the earliest flow of a finding
 * (smallest event time, then eventId) via {@link #earliest}, so the pod an alert names does not depend on arrival
 * order; the other replicas belong in the evidence. Keep it per finding (per window), not per key: a key whose state
 * expired and came back would otherwise name a pod that depends on whether a flow arrived before or after the expiry.
 */
public record IdentitySnapshot(String cluster, String namespace, String workload, String workloadKind, String pod,
                               String node, Attribution attribution, String attributionReason, String sourceIp,
                               Instant time, String eventId) {

    /** No identity was recorded: unattributed, reason {@code not-recorded}. */
    public static final IdentitySnapshot NOT_RECORDED = new IdentitySnapshot(null, null, null, null, null, null,
            Attribution.unknown, "not-recorded", null, Instant.EPOCH, "");

    private static final Comparator<IdentitySnapshot> ORDER =
            Comparator.comparing(IdentitySnapshot::time).thenComparing(IdentitySnapshot::eventId);

    public static IdentitySnapshot of(EnrichedFlow flow) {
        WorkloadIdentity s = flow.getSource();
        String cluster = SourceEntity.clusterOf(flow);
        Attribution attribution = s == null || s.getAttribution() == null ? Attribution.unknown : s.getAttribution();
        return new IdentitySnapshot(cluster.isEmpty() ? null : cluster,
                s == null ? null : s.getNamespace(),
                s == null ? null : s.getWorkload(),
                s == null ? null : s.getWorkloadKind(),
                s == null ? null : s.getPod(),
                s == null ? null : s.getNode(),
                attribution,
                s == null ? null : s.getAttributionReason(),
                flow.getFlow().getSourceIp(),
                flow.getFlow().getTime(),
                flow.getFlow().getEventId());
    }

    /** The snapshot of the earlier flow (time, then eventId); either may be null. */
    public static IdentitySnapshot earliest(IdentitySnapshot a, IdentitySnapshot b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ORDER.compare(a, b) <= 0 ? a : b;
    }

    /** Writes the snapshot as a nested message. */
    public void write(StateOutput out) {
        out.writeString(1, cluster).writeString(2, namespace).writeString(3, workload).writeString(4, workloadKind)
                .writeString(5, pod).writeString(6, node).writeEnum(7, attribution).writeString(8, attributionReason)
                .writeString(9, sourceIp).writeInstant(10, time).writeString(11, eventId);
    }

    public static IdentitySnapshot read(StateInput in) {
        String cluster = null;
        String namespace = null;
        String workload = null;
        String kind = null;
        String pod = null;
        String node = null;
        Attribution attribution = Attribution.unknown;
        String reason = null;
        String ip = null;
        Instant time = Instant.EPOCH;
        String eventId = "";
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> cluster = in.readString();
                case 2 -> namespace = in.readString();
                case 3 -> workload = in.readString();
                case 4 -> kind = in.readString();
                case 5 -> pod = in.readString();
                case 6 -> node = in.readString();
                case 7 -> attribution = in.readEnum(Attribution.values(), Attribution.unknown);
                case 8 -> reason = in.readString();
                case 9 -> ip = in.readString();
                case 10 -> time = in.readInstant();
                case 11 -> eventId = in.readString();
                default -> in.skip();
            }
        }
        return new IdentitySnapshot(cluster, namespace, workload, kind, pod, node, attribution, reason, ip, time,
                eventId);
    }
}
