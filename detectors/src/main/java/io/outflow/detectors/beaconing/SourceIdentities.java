package io.outflow.detectors.beaconing;

import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.WorkloadIdentity;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who sent from each source address of a key, so that an alert about connections (which carry addresses, not pods)
 * names the pod: per (address, pod) the identity of its earliest flow and the time of its latest. The pod named for a
 * connection at time t is the one whose earliest flow from that address is the latest at or before t (the pod that held
 * the address then). That choice depends only on flows before t, which have all arrived once the watermark passed t,
 * so it does not depend on arrival order. Bounded: entries unseen for the window are dropped, and at most
 * {@value #MAX_ENTRIES} are kept (past that the least recently seen goes).
 */
final class SourceIdentities {
    static final int MAX_ENTRIES = 64;

    private static final class Entry {
        IdentitySnapshot earliest;
        long lastSeen;
    }

    private final TreeMap<String, Entry> entries = new TreeMap<>();

    void add(EnrichedFlow flow) {
        WorkloadIdentity source = flow.getSource();
        String ip = flow.getFlow().getSourceIp() == null ? "" : flow.getFlow().getSourceIp();
        String holder = source == null ? "" : source.getPodUid() != null ? source.getPodUid()
                : source.getPod() != null ? source.getPod() : source.getNode() != null ? source.getNode() : "";
        String key = ip + "|" + holder;
        long t = flow.getFlow().getTime().toEpochMilli();
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry();
            e.earliest = IdentitySnapshot.of(flow);
            e.lastSeen = t;
            entries.put(key, e);
            trim();
            return;
        }
        if (t <= e.earliest.time().toEpochMilli()) {
            e.earliest = IdentitySnapshot.earliest(e.earliest, IdentitySnapshot.of(flow));
        }
        e.lastSeen = Math.max(e.lastSeen, t);
    }

    /** The identity for a connection from {@code ip} at {@code t}; null when the key knows none. */
    IdentitySnapshot at(String ip, long t) {
        String prefix = (ip == null ? "" : ip) + "|";
        IdentitySnapshot before = null;
        IdentitySnapshot after = null;
        for (Map.Entry<String, Entry> e : entries.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            IdentitySnapshot s = e.getValue().earliest;
            if (s.time().toEpochMilli() <= t) {
                if (before == null || s.time().isAfter(before.time())) {
                    before = s;
                }
            } else if (after == null || s.time().isBefore(after.time())) {
                after = s;
            }
        }
        if (before != null || after != null) {
            return before != null ? before : after;
        }
        return entries.isEmpty() ? null : entries.firstEntry().getValue().earliest;
    }

    void expireBefore(long from) {
        entries.values().removeIf(e -> e.lastSeen < from);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private void trim() {
        while (entries.size() > MAX_ENTRIES) {
            String oldest = null;
            long oldestSeen = Long.MAX_VALUE;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                if (e.getValue().lastSeen < oldestSeen) {
                    oldestSeen = e.getValue().lastSeen;
                    oldest = e.getKey();
                }
            }
            entries.remove(oldest);
        }
    }

    void write(StateOutput out, int tag) {
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            out.writeMessage(tag, m -> m.writeString(1, e.getKey()).writeLong(2, e.getValue().lastSeen)
                    .writeMessage(3, e.getValue().earliest::write));
        }
    }

    void readEntry(StateInput in) {
        String key = null;
        Entry e = new Entry();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> key = in.readString();
                case 2 -> e.lastSeen = in.readLong();
                case 3 -> e.earliest = IdentitySnapshot.read(in.readMessage());
                default -> in.skip();
            }
        }
        if (key != null && e.earliest != null) {
            entries.put(key, e);
        }
    }

    int size() {
        return entries.size();
    }
}
