package io.outflow.detectors.beaconing;

import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.WorkloadIdentity;
import java.util.HashMap;
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

    /** address → holder (pod UID, else pod, else node) → entry; sorted when iterated or written. */
    private final HashMap<String, HashMap<String, Entry>> entries = new HashMap<>();
    private int size;

    void add(EnrichedFlow flow) {
        WorkloadIdentity source = flow.getSource();
        String ip = flow.getFlow().getSourceIp() == null ? "" : flow.getFlow().getSourceIp();
        String holder = source == null ? "" : source.getPodUid() != null ? source.getPodUid()
                : source.getPod() != null ? source.getPod() : source.getNode() != null ? source.getNode() : "";
        long t = flow.getFlow().getTime().toEpochMilli();
        HashMap<String, Entry> holders = entries.get(ip);
        Entry e = holders == null ? null : holders.get(holder);
        if (e == null) {
            e = new Entry();
            e.earliest = IdentitySnapshot.of(flow);
            e.lastSeen = t;
            entries.computeIfAbsent(ip, k -> new HashMap<>(4)).put(holder, e);
            size++;
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
        HashMap<String, Entry> holders = entries.get(ip == null ? "" : ip);
        IdentitySnapshot before = null;
        IdentitySnapshot after = null;
        if (holders != null) {
            for (Entry e : holders.values()) {
                IdentitySnapshot s = e.earliest;
                if (s.time().toEpochMilli() <= t) {
                    if (before == null || later(s, before)) {
                        before = s;
                    }
                } else if (after == null || later(after, s)) {
                    after = s;
                }
            }
        }
        if (before != null || after != null) {
            return before != null ? before : after;
        }
        IdentitySnapshot any = null;
        for (Map.Entry<String, Entry> e : sorted().entrySet()) {
            any = e.getValue().earliest;
            break;
        }
        return any;
    }

    /** Whether a is later than b (time, then eventId): a total order, so ties do not depend on map order. */
    private static boolean later(IdentitySnapshot a, IdentitySnapshot b) {
        int c = a.time().compareTo(b.time());
        return c != 0 ? c > 0 : a.eventId().compareTo(b.eventId()) > 0;
    }

    /** Entries by "address|holder". */
    private TreeMap<String, Entry> sorted() {
        TreeMap<String, Entry> out = new TreeMap<>();
        for (Map.Entry<String, HashMap<String, Entry>> byIp : entries.entrySet()) {
            for (Map.Entry<String, Entry> byHolder : byIp.getValue().entrySet()) {
                out.put(byIp.getKey() + "|" + byHolder.getKey(), byHolder.getValue());
            }
        }
        return out;
    }

    void expireBefore(long from) {
        for (HashMap<String, Entry> holders : entries.values()) {
            int before = holders.size();
            holders.values().removeIf(e -> e.lastSeen < from);
            size -= before - holders.size();
        }
        entries.values().removeIf(HashMap::isEmpty);
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void trim() {
        while (size > MAX_ENTRIES) {
            String oldestIp = null;
            String oldestHolder = null;
            long oldestSeen = Long.MAX_VALUE;
            for (Map.Entry<String, Entry> e : sorted().entrySet()) { // sorted: ties go the same way every time
                if (e.getValue().lastSeen < oldestSeen) {
                    oldestSeen = e.getValue().lastSeen;
                    int bar = e.getKey().indexOf('|');
                    oldestIp = e.getKey().substring(0, bar);
                    oldestHolder = e.getKey().substring(bar + 1);
                }
            }
            HashMap<String, Entry> holders = entries.get(oldestIp);
            holders.remove(oldestHolder);
            if (holders.isEmpty()) {
                entries.remove(oldestIp);
            }
            size--;
        }
    }

    void write(StateOutput out, int tag) {
        for (Map.Entry<String, Entry> e : sorted().entrySet()) {
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
            int bar = key.indexOf('|');
            entries.computeIfAbsent(key.substring(0, bar), k -> new HashMap<>(4)).put(key.substring(bar + 1), e);
            size++;
        }
    }

    int size() {
        return size;
    }
}
