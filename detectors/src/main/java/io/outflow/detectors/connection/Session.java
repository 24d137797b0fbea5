package io.outflow.detectors.connection;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The merged facts of events of one tuple and destination address (or of none) close in time. Folding an event in
 * allocates nothing: times are epoch milliseconds, categories and the eventId sample small sorted arrays.
 */
final class Session {
    /** How many of the smallest eventIds a connection keeps. */
    static final int SAMPLE = 5;

    String ip;
    long first;
    long last;
    private String fqdn;
    private FlowAction action;
    private long bytesOut;
    private long bytesIn;
    private long packetsOut;
    private long packetsIn;
    private int events;
    private boolean firewallSeen;
    private boolean flowSeen;
    private String firewallResourceId;
    private String flowResourceId;
    private String[] categories = new String[1];
    private int categoryCount;
    private String[] sample = new String[SAMPLE];
    private int sampleCount;

    private Session(String ip, long first, long last) {
        this.ip = ip;
        this.first = first;
        this.last = last;
    }

    static Session of(FlowEvent e, long time) {
        Session s = new Session(e.getDestinationIp(), time, time);
        s.add(e, time);
        return s;
    }

    /** Folds one event of this session's address in. */
    void add(FlowEvent e, long time) {
        first = Math.min(first, time);
        last = Math.max(last, time);
        action = stronger(action, e.getAction());
        events++;
        if (Connection.isFirewall(e)) {
            firewallSeen = true;
            fqdn = smaller(fqdn, e.getDestinationFqdn());
            firewallResourceId = smaller(firewallResourceId, e.getResourceId());
        } else {
            flowSeen = true;
            flowResourceId = smaller(flowResourceId, e.getResourceId());
        }
        if (Connection.carriesBytes(e)) {
            bytesOut += orZero(e.getBytesOut());
            bytesIn += orZero(e.getBytesIn());
            packetsOut += orZero(e.getPacketsOut());
            packetsIn += orZero(e.getPacketsIn());
        }
        addCategory(e.getCategory());
        addToSample(e.getEventId());
    }

    /** Whether the two spans lie within {@code gap} of each other. */
    boolean near(Session other, long gap) {
        return first <= other.last + gap && other.first <= last + gap;
    }

    boolean near(long time, long gap) {
        return first <= time + gap && time <= last + gap;
    }

    void merge(Session o) {
        first = Math.min(first, o.first);
        last = Math.max(last, o.last);
        fqdn = smaller(fqdn, o.fqdn);
        action = stronger(action, o.action);
        bytesOut += o.bytesOut;
        bytesIn += o.bytesIn;
        packetsOut += o.packetsOut;
        packetsIn += o.packetsIn;
        events += o.events;
        firewallSeen |= o.firewallSeen;
        flowSeen |= o.flowSeen;
        firewallResourceId = smaller(firewallResourceId, o.firewallResourceId);
        flowResourceId = smaller(flowResourceId, o.flowResourceId);
        for (int i = 0; i < o.categoryCount; i++) {
            addCategory(o.categories[i]);
        }
        for (int i = 0; i < o.sampleCount; i++) {
            addToSample(o.sample[i]);
        }
    }

    Connection toConnection(TupleKey t) {
        return new Connection(t.cluster(), t.sourceIp(), t.sourcePort(), t.destinationPort(), t.protocol(), ip, fqdn,
                Instant.ofEpochMilli(first), Instant.ofEpochMilli(last), action, bytesOut, bytesIn, packetsOut,
                packetsIn, events, firewallSeen, flowSeen,
                firewallResourceId != null ? firewallResourceId : flowResourceId,
                Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(categories).subList(0, categoryCount))),
                List.of(Arrays.copyOf(sample, sampleCount)));
    }

    void write(StateOutput out) {
        out.writeString(1, ip).writeLong(2, first).writeLong(3, last).writeString(4, fqdn)
                .writeEnum(5, action).writeLong(6, bytesOut).writeLong(7, bytesIn).writeLong(8, packetsOut)
                .writeLong(9, packetsIn).writeInt(10, events).writeBoolean(11, firewallSeen)
                .writeBoolean(12, flowSeen).writeString(13, firewallResourceId).writeString(14, flowResourceId);
        for (int i = 0; i < categoryCount; i++) {
            out.writeString(15, categories[i]);
        }
        for (int i = 0; i < sampleCount; i++) {
            out.writeString(16, sample[i]);
        }
    }

    static Session read(StateInput in) {
        Session s = new Session(null, 0, 0);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> s.ip = in.readString();
                case 2 -> s.first = in.readLong();
                case 3 -> s.last = in.readLong();
                case 4 -> s.fqdn = in.readString();
                case 5 -> s.action = in.readEnum(FlowAction.values(), null);
                case 6 -> s.bytesOut = in.readLong();
                case 7 -> s.bytesIn = in.readLong();
                case 8 -> s.packetsOut = in.readLong();
                case 9 -> s.packetsIn = in.readLong();
                case 10 -> s.events = in.readInt();
                case 11 -> s.firewallSeen = in.readBoolean();
                case 12 -> s.flowSeen = in.readBoolean();
                case 13 -> s.firewallResourceId = in.readString();
                case 14 -> s.flowResourceId = in.readString();
                case 15 -> s.addCategory(in.readString());
                case 16 -> s.addToSample(in.readString());
                default -> in.skip();
            }
        }
        return s;
    }

    private void addCategory(String category) {
        int at = Arrays.binarySearch(categories, 0, categoryCount, category);
        if (at >= 0) {
            return;
        }
        if (categoryCount == categories.length) {
            categories = Arrays.copyOf(categories, categoryCount * 2);
        }
        int insert = -at - 1;
        System.arraycopy(categories, insert, categories, insert + 1, categoryCount - insert);
        categories[insert] = category;
        categoryCount++;
    }

    /** Keeps the {@link #SAMPLE} smallest eventIds, sorted. */
    private void addToSample(String eventId) {
        if (sampleCount == SAMPLE && eventId.compareTo(sample[SAMPLE - 1]) >= 0) {
            return;
        }
        int at = Arrays.binarySearch(sample, 0, sampleCount, eventId);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        int kept = Math.min(sampleCount, SAMPLE - 1);
        System.arraycopy(sample, insert, sample, insert + 1, kept - insert);
        sample[insert] = eventId;
        sampleCount = kept + 1;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String smaller(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static FlowAction stronger(FlowAction a, FlowAction b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(FlowAction action) {
        return switch (action) {
            case allow -> 0;
            case alert -> 1;
            case deny -> 2;
        };
    }
}
