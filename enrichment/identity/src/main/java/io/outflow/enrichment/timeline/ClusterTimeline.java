package io.outflow.enrichment.timeline;

import io.outflow.schemas.ChangeType;
import io.outflow.schemas.IdentityChange;
import io.outflow.schemas.NodeState;
import io.outflow.schemas.OwnerRef;
import io.outflow.schemas.PodState;
import io.outflow.schemas.net.Cidr;
import io.outflow.schemas.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The timeline of one cluster: its pods, nodes and owners, and who held each address when. */
final class ClusterTimeline {
    private static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

    final String name;
    private final Set<String> selectedLabels;
    final Occupancy occupancy = new Occupancy();
    private final PodTable podsByUid = new PodTable();
    /** Pods whose uid is not a UUID (by that text), or that have none (by namespace/name). */
    private final Map<String, PodRecord> podsByText = new HashMap<>();
    private final Map<String, NodeRecord> nodes = new HashMap<>();
    private final Map<String, OwnerSlot> owners = new HashMap<>();
    private final Map<PodShape, PodShape> shapes = new HashMap<>();
    private List<Cidr> nodePodCidrs = List.of();
    /** The span of history files applied to this cluster: lookups inside it never answer expired. */
    long pinFrom = Times.OPEN;
    long pinTo = Times.UNKNOWN;

    ClusterTimeline(String name, Set<String> selectedLabels) {
        this.name = name;
        this.selectedLabels = selectedLabels;
    }

    // ---------------------------------------------------------------- pods

    void applyPod(IdentityChange change, long horizon) {
        PodState state = change.getPod();
        IpAddress hostIp = state == null ? null : IpAddress.parse(state.getHostIp());
        String nodeName = state == null ? null : blankToNull(state.getNodeName());
        long[] addresses = addresses(state);
        boolean hostNetwork = state != null && (state.getHostNetwork() || (hostIp != null && holds(addresses, hostIp)));
        long startTime = state == null ? Times.UNKNOWN : Times.millis(state.getStartTime());
        long created = Times.millis(change.getCreationTime());
        long start = startTime != Times.UNKNOWN ? startTime : created;

        PodRecord pod = findPod(change);
        if (hostNetwork) {
            // the pod shares its node's address: the address is the node's, never this pod's
            if (pod != null) {
                removePod(pod);
            }
            if (hostIp != null && nodeName != null) {
                nodeEvidence(nodeName, hostIp, start != Times.UNKNOWN ? start : ChangeTimes.latest(change));
            }
            return;
        }
        if (pod == null) {
            pod = newPod(change);
        }
        long time = ChangeTimes.orderTime(change);
        long version = ChangeTimes.version(change);
        long oldEnd = pod.end;
        long[] oldSegments = pod.stretches();

        long newStart = pod.start;
        boolean newFromStatus = pod.startFromStatus;
        if (startTime != Times.UNKNOWN) {
            if (!pod.startFromStatus || startTime < pod.start) {
                newStart = startTime;
                newFromStatus = true;
            }
        } else if (!pod.startFromStatus && created != Times.UNKNOWN
                && (pod.start == Times.UNKNOWN || created < pod.start)) {
            newStart = created;
        }
        long newEnd = Math.min(pod.end, endEvidence(change, state));
        long[] newSegments = addresses.length == 0 ? oldSegments
                : Segments.insert(oldSegments, time, version, addresses);

        boolean moved = newStart != pod.start || newEnd != oldEnd || newSegments != oldSegments;
        if (moved) {
            unplace(pod);
        }
        pod.start = newStart;
        pod.startFromStatus = newFromStatus;
        pod.end = newEnd;
        if (newSegments != oldSegments) {
            pod.stretches(newSegments);
        }
        if (nodeName != null && pod.node == null) {
            pod.node = node(nodeName).name;
        }
        if (pod.shape == null || ChangeTimes.compare(time, version, pod.newestTime, pod.newestVersion) >= 0) {
            reshape(pod, change);
            pod.newestTime = time;
            pod.newestVersion = version;
        }
        if (moved || pod.placement == null) {
            place(pod);
        }
        if (hostIp != null && nodeName != null) {
            nodeEvidence(nodeName, hostIp, pod.from());
        }
        if (evictable(pod, horizon)) {
            removePod(pod);
        }
    }

    private static long endEvidence(IdentityChange change, PodState state) {
        long end = Times.OPEN;
        boolean terminal = false;
        if (state != null && ("Succeeded".equals(state.getPhase()) || "Failed".equals(state.getPhase()))) {
            // a completed pod keeps podIP in its object after the address is free: it ended when its containers did
            terminal = true;
            long finished = state.getFinishedAt() != null ? Times.millis(state.getFinishedAt())
                    : Times.millis(state.getLastTransitionTime());
            end = finished != Times.UNKNOWN ? finished : ChangeTimes.latest(change);
        }
        if (change.getDeletionTime() != null) {
            long grace = change.getDeletionGracePeriodSeconds() == null ? 0 : change.getDeletionGracePeriodSeconds();
            end = Math.min(end, change.getDeletionTime().toEpochMilli() + Math.max(0, grace) * 1000);
        } else if (change.getChangeType() == ChangeType.DELETED && !terminal) {
            end = Math.min(end, ChangeTimes.latest(change));
        }
        return end;
    }

    private PodRecord findPod(IdentityChange change) {
        long[] uuid = Uuids.parse(change.getUid());
        if (uuid != null) {
            return podsByUid.get(uuid[0], uuid[1]);
        }
        return podsByText.get(textKey(change));
    }

    private PodRecord newPod(IdentityChange change) {
        long[] uuid = Uuids.parse(change.getUid());
        PodRecord pod;
        if (uuid != null) {
            pod = new PodRecord(uuid[0], uuid[1], null);
            podsByUid.add(pod);
        } else {
            pod = new PodRecord(0, 0, change.getUid() != null ? change.getUid() : textKey(change));
            podsByText.put(textKey(change), pod);
        }
        return pod;
    }

    private static String textKey(IdentityChange change) {
        return change.getUid() != null ? change.getUid() : change.getNamespace() + "/" + change.getName();
    }

    private void reshape(PodRecord pod, IdentityChange change) {
        String namespace = change.getNamespace();
        OwnerRef ref = change.getOwner();
        OwnerSlot owner = ref == null ? null : owner(namespace, ref.getKind(), ref.getName());
        Map<String, String> labels = change.getLabels() == null ? Map.of() : change.getLabels();
        if (owner != null) {
            String hash = labels.get(TEMPLATE_HASH_LABEL);
            if (owner.templateHash == null && hash != null && !hash.isEmpty()) {
                owner.templateHash = hash;
            }
            long created = Times.millis(change.getCreationTime());
            if (created != Times.UNKNOWN
                    && (owner.firstPodCreated == Times.UNKNOWN || created < owner.firstPodCreated)) {
                owner.firstPodCreated = created;
            }
        }
        Map<String, String> selected = new LinkedHashMap<>();
        for (String key : selectedLabels) {
            String value = labels.get(key);
            if (value != null) {
                selected.put(key, value);
            }
        }
        String podName = change.getName();
        String prefix = owner != null && podName.startsWith(owner.name + "-") ? owner.name + "-" : "";
        String serviceAccount = change.getPod() == null ? null : blankToNull(change.getPod().getServiceAccount());
        PodShape candidate = new PodShape(namespace, owner, serviceAccount,
                selected.isEmpty() ? Map.of() : Map.copyOf(selected), prefix);
        PodShape shape = shapes.get(candidate);
        if (shape == null) {
            shape = candidate;
            shapes.put(shape, shape);
            if (owner != null) {
                owner.shapes++;
            }
        }
        if (shape != pod.shape) {
            shape.pods++;
            release(pod.shape);
            pod.shape = shape;
        }
        pod.rename(podName);
    }

    private void release(PodShape shape) {
        if (shape == null || --shape.pods > 0) {
            return;
        }
        shapes.remove(shape);
        OwnerSlot owner = shape.owner;
        if (owner != null && --owner.shapes == 0 && !owner.objectSeen) {
            owners.remove(ownerKey(owner.namespace, owner.kind, owner.name));
        }
    }

    private void place(PodRecord pod) {
        List<Object> leases = new ArrayList<>(2);
        pod.leases((address, occupant) -> {
            occupancy.add(address, occupant);
            if (occupant != pod) {
                leases.add(occupant);
                leases.add(address);
            }
        });
        if (leases.isEmpty()) {
            pod.placement = pod;
        } else {
            pod.placement = leases.toArray();
        }
    }

    private void unplace(PodRecord pod) {
        Object placement = pod.placement;
        if (placement == null) {
            return;
        }
        if (placement == pod) {
            pod.ownAddresses(address -> occupancy.remove(address, pod));
        } else {
            Object[] leases = (Object[]) placement;
            for (int i = 0; i < leases.length; i += 2) {
                occupancy.remove((IpAddress) leases[i + 1], (Occupant) leases[i]);
            }
        }
        pod.placement = null;
    }

    private void removePod(PodRecord pod) {
        unplace(pod);
        if (pod.uidText == null) {
            podsByUid.remove(pod);
        } else {
            podsByText.values().remove(pod);
        }
        release(pod.shape); // the record keeps its shape: an answer being read may still name it
    }

    /** The latest end among the spans this pod is answered for; {@link Times#OPEN} while any is current. */
    private long answeredUntil(PodRecord pod) {
        Object placement = pod.placement;
        if (placement == null || !pod.hasAddresses()) {
            return pod.end;
        }
        long[] latestEnd = {Times.UNKNOWN};
        if (placement == pod) {
            pod.ownAddresses(address -> latestEnd[0] = Math.max(latestEnd[0], occupancy.effectiveEnd(address, pod)));
        }
        long latest = latestEnd[0];
        if (placement != pod) {
            Object[] leases = (Object[]) placement;
            for (int i = 0; i < leases.length; i += 2) {
                latest = Math.max(latest, occupancy.effectiveEnd((IpAddress) leases[i + 1], (Occupant) leases[i]));
            }
        }
        return latest == Times.UNKNOWN ? pod.end : latest;
    }

    private boolean evictable(PodRecord pod, long horizon) {
        long until = answeredUntil(pod);
        return until != Times.OPEN && until < horizon && !(pinned() && until >= pinFrom);
    }

    private static long[] addresses(PodState state) {
        if (state == null || state.getIps() == null || state.getIps().isEmpty()) {
            return new long[0];
        }
        List<IpAddress> parsed = new ArrayList<>(state.getIps().size());
        for (String text : state.getIps()) {
            IpAddress address = IpAddress.parse(text);
            if (address != null && !parsed.contains(address)) {
                parsed.add(address);
            }
        }
        parsed.sort(null);
        long[] out = new long[parsed.size() * 2];
        for (int i = 0; i < parsed.size(); i++) {
            out[2 * i] = parsed.get(i).high();
            out[2 * i + 1] = parsed.get(i).low();
        }
        return out;
    }

    private static boolean holds(long[] addresses, IpAddress address) {
        for (int i = 0; i < addresses.length; i += 2) {
            if (addresses[i] == address.high() && addresses[i + 1] == address.low()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- owners (ReplicaSets, Jobs)

    void applyOwner(IdentityChange change, String kind) {
        OwnerSlot owner = owner(change.getNamespace(), kind, change.getName());
        owner.objectSeen = true;
        long time = ChangeTimes.latest(change);
        long version = ChangeTimes.version(change);
        if (ChangeTimes.compare(time, version, owner.newestTime, owner.newestVersion) >= 0) {
            OwnerRef parent = change.getOwner();
            owner.parentKind = parent == null ? null : parent.getKind();
            owner.parentName = parent == null ? null : parent.getName();
            owner.newestTime = time;
            owner.newestVersion = version;
        }
        if (change.getChangeType() == ChangeType.DELETED) {
            long deleted = change.getDeletionTime() != null ? change.getDeletionTime().toEpochMilli() : time;
            owner.deleted = Math.min(owner.deleted, deleted);
        }
    }

    private OwnerSlot owner(String namespace, String kind, String ownerName) {
        return owners.computeIfAbsent(ownerKey(namespace, kind, ownerName),
                k -> new OwnerSlot(namespace, kind, ownerName));
    }

    private static String ownerKey(String namespace, String kind, String name) {
        return namespace + '\u0000' + kind + '\u0000' + name;
    }

    // ---------------------------------------------------------------- nodes

    void applyNode(IdentityChange change) {
        NodeRecord node = node(change.getName());
        node.objectSeen = true;
        long time = ChangeTimes.latest(change);
        long version = ChangeTimes.version(change);
        long from = change.getCreationTime() != null ? change.getCreationTime().toEpochMilli() : time;
        NodeState state = change.getNode();
        if (state != null) {
            for (String text : state.getAddresses()) {
                IpAddress address = IpAddress.parse(text);
                if (address != null) {
                    nodeEvidence(node.name, address, from);
                }
            }
            if (ChangeTimes.compare(time, version, node.newestTime, node.newestVersion) >= 0) {
                List<Cidr> cidrs = new ArrayList<>();
                for (String text : state.getPodCidrs()) {
                    Cidr cidr = Cidr.parse(text);
                    if (cidr != null) {
                        cidrs.add(cidr.normalized());
                    }
                }
                node.podCidrs = List.copyOf(cidrs);
                node.newestTime = time;
                node.newestVersion = version;
                refreshNodePodCidrs();
            }
        }
        if (change.getChangeType() == ChangeType.DELETED || change.getDeletionTime() != null) {
            long deleted = change.getDeletionTime() != null ? change.getDeletionTime().toEpochMilli() : time;
            if (deleted < node.deleted) {
                for (NodeLease lease : node.leases) {
                    occupancy.remove(lease.address, lease);
                }
                node.deleted = deleted;
                for (NodeLease lease : node.leases) {
                    occupancy.add(lease.address, lease);
                }
            }
        }
    }

    /** The node held {@code address} at least from {@code from}. */
    private void nodeEvidence(String nodeName, IpAddress address, long from) {
        NodeRecord node = node(nodeName);
        NodeLease lease = node.lease(address);
        if (lease == null) {
            lease = new NodeLease(node, address, from);
            node.leases = Arrays.copyOf(node.leases, node.leases.length + 1);
            node.leases[node.leases.length - 1] = lease;
            occupancy.add(address, lease);
        } else if (from < lease.from) {
            occupancy.remove(address, lease);
            lease.from = from;
            occupancy.add(address, lease);
        }
    }

    private NodeRecord node(String nodeName) {
        return nodes.computeIfAbsent(nodeName, NodeRecord::new);
    }

    private void refreshNodePodCidrs() {
        Set<Cidr> all = new LinkedHashSet<>();
        for (NodeRecord node : nodes.values()) {
            all.addAll(node.podCidrs);
        }
        nodePodCidrs = List.copyOf(all);
    }

    // ---------------------------------------------------------------- lookups

    boolean pinned() {
        return pinFrom <= pinTo;
    }

    void pin(long from, long to) {
        pinFrom = Math.min(pinFrom, from);
        pinTo = Math.max(pinTo, to);
    }

    /** Whether this cluster has ever held the address (within retention) or a node's pod range contains it. */
    boolean knows(IpAddress address) {
        return occupancy.has(address) || inNodePodRanges(address);
    }

    private boolean inNodePodRanges(IpAddress address) {
        for (Cidr cidr : nodePodCidrs) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    IdentityAnswer lookup(IpAddress address, long time, LookupScope scope, RangeMatch ranges, long horizon) {
        Object slot = occupancy.slot(address.high(), address.low());
        boolean protectedByPin = time >= pinFrom && time <= pinTo;
        long effectiveHorizon = protectedByPin ? Times.UNKNOWN : horizon;
        if (slot == null) {
            // never held within retention: is it even one of this cluster's addresses?
            boolean inside = ranges == RangeMatch.INSIDE || inNodePodRanges(address);
            boolean outside = !inside && (ranges == RangeMatch.OUTSIDE || !nodePodCidrs.isEmpty());
            if (outside) {
                return IdentityAnswer.unknown(name, UnknownReason.OUTSIDE_KNOWN_RANGES);
            }
            if (time < effectiveHorizon) {
                return IdentityAnswer.unknown(name, UnknownReason.EXPIRED); // it may have been held, and forgotten
            }
            return IdentityAnswer.unknown(name, inside ? UnknownReason.NO_OWNER_AT_TIME
                    : UnknownReason.OUTSIDE_KNOWN_RANGES);
        }
        Occupant found = null;
        long foundEnd = 0;
        int index;
        Occupant[] all = null;
        if (slot instanceof Occupant one) {
            index = one.from() <= time ? 0 : -1;
            if (index == 0) {
                found = one;
                foundEnd = one.to();
            }
        } else {
            all = (Occupant[]) slot;
            int lo = 0;
            int hi = all.length - 1;
            index = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (all[mid].from() <= time) {
                    index = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (index >= 0) {
                found = all[index];
                foundEnd = index + 1 < all.length ? Math.min(found.to(), all[index + 1].from()) : found.to();
            }
        }
        if (found != null && time < foundEnd) {
            if (foundEnd < effectiveHorizon) {
                return IdentityAnswer.unknown(name, UnknownReason.EXPIRED);
            }
            if (scope == LookupScope.NODES && found.pod() != null) {
                return IdentityAnswer.unknown(name, UnknownReason.NO_OWNER_AT_TIME);
            }
            return IdentityAnswer.of(name, found, foundEnd);
        }
        if (time < effectiveHorizon) {
            return IdentityAnswer.unknown(name, UnknownReason.EXPIRED);
        }
        // nobody at that moment: name the neighbours, which is what an analyst asks next
        IdentityAnswer before = null;
        IdentityAnswer after = null;
        if (found != null && foundEnd >= effectiveHorizon) {
            before = IdentityAnswer.of(name, found, foundEnd);
        }
        Occupant following = all == null ? (index < 0 ? (Occupant) slot : null)
                : index + 1 < all.length ? all[index + 1] : null;
        if (following != null) {
            int at = all == null ? 0 : index + 1;
            long end = all != null && at + 1 < all.length ? Math.min(following.to(), all[at + 1].from())
                    : following.to();
            after = IdentityAnswer.of(name, following, end);
        }
        return IdentityAnswer.unknown(name, UnknownReason.NO_OWNER_AT_TIME, before, after);
    }

    // ---------------------------------------------------------------- retention

    /** Forgets what only answers for times before the horizon (unless protected by the history files' span). */
    void sweep(long horizon) {
        for (PodRecord pod : podsByUid.values()) {
            if (evictable(pod, horizon)) {
                removePod(pod);
            }
        }
        for (PodRecord pod : new ArrayList<>(podsByText.values())) {
            if (evictable(pod, horizon)) {
                removePod(pod);
            }
        }
        Iterator<NodeRecord> nodeIterator = nodes.values().iterator();
        boolean nodesChanged = false;
        while (nodeIterator.hasNext()) {
            NodeRecord node = nodeIterator.next();
            long until = node.leases.length == 0 ? node.deleted : Times.UNKNOWN;
            for (NodeLease lease : node.leases) {
                until = Math.max(until, occupancy.effectiveEnd(lease.address, lease));
            }
            if (until != Times.OPEN && until < horizon && !(pinned() && until >= pinFrom)) {
                for (NodeLease lease : node.leases) {
                    occupancy.remove(lease.address, lease);
                }
                nodeIterator.remove();
                nodesChanged = true;
            }
        }
        if (nodesChanged) {
            refreshNodePodCidrs();
        }
        owners.values().removeIf(owner -> owner.shapes == 0
                && (!owner.objectSeen || (owner.deleted < horizon && !(pinned() && owner.deleted >= pinFrom))));
    }

    // ---------------------------------------------------------------- statistics

    TimelineStats stats() {
        int[] live = new int[2];
        podsByUid.values().forEach(pod -> live[pod.end == Times.OPEN ? 0 : 1]++);
        for (PodRecord pod : podsByText.values()) {
            live[pod.end == Times.OPEN ? 0 : 1]++;
        }
        return new TimelineStats(1, live[0], live[1], nodes.size(), occupancy.addresses(), shapes.size(),
                owners.size());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
