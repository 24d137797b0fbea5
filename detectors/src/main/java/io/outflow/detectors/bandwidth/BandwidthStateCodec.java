package io.outflow.detectors.bandwidth;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.dedup.SeenEvents;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bandwidth state in the module's tagged format ({@link StateOutput}), version 1. Tags:
 * <pre>
 *   1 entity  2 firstSeen  3 lastSeen  4 flows  5 open alert (message)
 *   6 open window (message: 1 start, 2 window)   7 eventId memory (message)
 *   8 history (message: 1 first window, 2 newest window, 3 recent totals oldest first (repeated),
 *              4 daily peak (message: 1 local epoch day, 2 hour or −1, 3 bytes))
 * </pre>
 * The history is written by meaning (totals by window, peaks by day and hour), not by ring slot, so a state written
 * with other {@code recentWindows} or {@code seasonalDays} restores into the current sizes (the oldest values that no
 * longer fit are dropped).
 */
final class BandwidthStateCodec implements StateCodec<BandwidthState> {
    static final int VERSION = 1;

    private final BandwidthSpikeSettings settings;

    BandwidthStateCodec(BandwidthSpikeSettings settings) {
        this.settings = settings;
    }

    BandwidthState empty() {
        return new BandwidthState(new TrafficHistory(settings.recentWindows(), settings.seasonalDays()),
                new SeenEvents(BandwidthSpikeDetector.SEEN_CAPACITY));
    }

    @Override
    public byte[] encode(BandwidthState s) {
        return StateOutput.encode(VERSION, out -> {
            out.writeString(1, s.entity);
            out.writeLong(2, s.firstSeen).writeLong(3, s.lastSeen).writeLong(4, s.flows);
            if (s.alert != null) {
                out.writeMessage(5, s.alert::write);
            }
            for (Map.Entry<Long, ByteWindow> w : s.open.entrySet()) {
                out.writeMessage(6, m -> m.writeLong(1, w.getKey()).writeMessage(2, w.getValue()::write));
            }
            out.writeMessage(7, s.seen::write);
            out.writeMessage(8, h -> {
                h.writeLong(1, s.history.firstWindow()).writeLong(2, s.history.newestWindow());
                for (long v : s.history.recentValues()) {
                    h.writeLong(3, v);
                }
                for (long[] p : s.history.peakEntries()) {
                    h.writeMessage(4, m -> m.writeLong(1, p[0]).writeLong(2, p[1]).writeLong(3, p[2]));
                }
            });
        });
    }

    @Override
    public BandwidthState decode(byte[] bytes) {
        StateInput in = StateInput.decode(bytes);
        String entity = null;
        long firstSeen = Long.MAX_VALUE;
        long lastSeen = Long.MIN_VALUE;
        long flows = 0;
        OpenAlert alert = null;
        List<long[]> starts = new ArrayList<>();
        List<ByteWindow> windows = new ArrayList<>();
        SeenEvents seen = new SeenEvents(BandwidthSpikeDetector.SEEN_CAPACITY);
        TrafficHistory history = new TrafficHistory(settings.recentWindows(), settings.seasonalDays());
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> entity = in.readString();
                case 2 -> firstSeen = in.readLong();
                case 3 -> lastSeen = in.readLong();
                case 4 -> flows = in.readLong();
                case 5 -> alert = OpenAlert.read(in.readMessage());
                case 6 -> {
                    StateInput m = in.readMessage();
                    long start = 0;
                    ByteWindow w = null;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> start = m.readLong();
                            case 2 -> w = ByteWindow.read(m.readMessage());
                            default -> m.skip();
                        }
                    }
                    if (w != null) {
                        starts.add(new long[] {start});
                        windows.add(w);
                    }
                }
                case 7 -> seen = SeenEvents.read(in.readMessage(), BandwidthSpikeDetector.SEEN_CAPACITY);
                case 8 -> history = readHistory(in.readMessage());
                default -> in.skip();
            }
        }
        BandwidthState s = new BandwidthState(history, seen);
        s.entity = entity;
        s.firstSeen = firstSeen;
        s.lastSeen = lastSeen;
        s.flows = flows;
        s.alert = alert;
        for (int i = 0; i < windows.size(); i++) {
            s.open.put(starts.get(i)[0], windows.get(i));
        }
        return s;
    }

    private TrafficHistory readHistory(StateInput in) {
        long first = Long.MIN_VALUE;
        long newest = Long.MIN_VALUE;
        List<Long> values = new ArrayList<>();
        List<long[]> peaks = new ArrayList<>();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> first = in.readLong();
                case 2 -> newest = in.readLong();
                case 3 -> values.add(in.readLong());
                case 4 -> {
                    StateInput m = in.readMessage();
                    long[] p = {0, -1, 0};
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> p[0] = m.readLong();
                            case 2 -> p[1] = m.readLong();
                            case 3 -> p[2] = m.readLong();
                            default -> m.skip();
                        }
                    }
                    peaks.add(p);
                }
                default -> in.skip();
            }
        }
        long[] recent = new long[values.size()];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = values.get(i);
        }
        return TrafficHistory.restore(settings.recentWindows(), settings.seasonalDays(), first, newest, recent, peaks);
    }
}
