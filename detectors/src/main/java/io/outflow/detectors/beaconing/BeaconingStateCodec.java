package io.outflow.detectors.beaconing;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.OpenAlerts;
import io.outflow.detectors.connection.ConnectionLedger;
import io.outflow.detectors.dedup.SeenEvents;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.util.Map;

/**
 * The beaconing state in the module's tagged format ({@link StateOutput}), version 1. Tags:
 * <pre>
 *   1 entity  2 cursor  3 evaluated  4 connections  5 evicted destinations
 *   6 eventId memory (message)  7 connection ledger (message)
 *   8 destination (message: 1 name, 2 history; history tags in {@link PairHistory#write})
 *   9 source identity (message)  10 open alert (message)  11 last emitted (message: 1 alert entity, 2 time)
 * </pre>
 * Connection times are written as one varint per connection (delta to the previous time, shifted left 8 bits, with
 * the source index in the low 8), byte samples as deltas; every collection in key order, so equal states give equal
 * bytes.
 */
final class BeaconingStateCodec implements StateCodec<BeaconingState> {
    static final int VERSION = 1;

    private final BeaconingSettings settings;

    BeaconingStateCodec(BeaconingSettings settings) {
        this.settings = settings;
    }

    BeaconingState empty() {
        return new BeaconingState(new SeenEvents(SeenEvents.DEFAULT_CAPACITY), new ConnectionLedger(),
                new SourceIdentities(), new OpenAlerts());
    }

    @Override
    public byte[] encode(BeaconingState s) {
        return StateOutput.encode(VERSION, out -> {
            out.writeString(1, s.entity).writeLong(2, s.cursor).writeBoolean(3, s.evaluated)
                    .writeLong(4, s.connections).writeLong(5, s.evictedDestinations);
            out.writeMessage(6, s.seen::write);
            out.writeMessage(7, s.ledger::write);
            for (Map.Entry<String, PairHistory> p : s.pairs.entrySet()) {
                out.writeMessage(8, m -> m.writeString(1, p.getKey()).writeMessage(2, p.getValue()::write));
            }
            s.identities.write(out, 9);
            s.alerts.write(out, 10);
            for (Map.Entry<String, Long> e : s.lastEmitted.entrySet()) {
                out.writeMessage(11, m -> m.writeString(1, e.getKey()).writeLong(2, e.getValue()));
            }
        });
    }

    @Override
    public BeaconingState decode(byte[] bytes) {
        StateInput in = StateInput.decode(bytes);
        SeenEvents seen = new SeenEvents(SeenEvents.DEFAULT_CAPACITY);
        ConnectionLedger ledger = new ConnectionLedger();
        SourceIdentities identities = new SourceIdentities();
        OpenAlerts alerts = new OpenAlerts();
        String entity = null;
        long cursor = Long.MAX_VALUE;
        boolean evaluated = false;
        long connections = 0;
        long evicted = 0;
        BeaconingState staging = empty();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> entity = in.readString();
                case 2 -> cursor = in.readLong();
                case 3 -> evaluated = in.readBoolean();
                case 4 -> connections = in.readLong();
                case 5 -> evicted = in.readLong();
                case 6 -> seen = SeenEvents.read(in.readMessage(), SeenEvents.DEFAULT_CAPACITY);
                case 7 -> ledger = ConnectionLedger.read(in.readMessage(), ConnectionLedger.DEFAULT_GAP,
                        ConnectionLedger.DEFAULT_MAX_OPEN_GROUPS);
                case 8 -> {
                    StateInput m = in.readMessage();
                    String name = null;
                    PairHistory history = null;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> name = m.readString();
                            case 2 -> history = PairHistory.read(m.readMessage(), settings.maxConnectionsPerPair());
                            default -> m.skip();
                        }
                    }
                    if (name != null && history != null) {
                        staging.pairs.put(name, history);
                    }
                }
                case 9 -> identities.readEntry(in.readMessage());
                case 10 -> alerts.readEntry(in.readMessage());
                case 11 -> {
                    StateInput m = in.readMessage();
                    String name = null;
                    long at = 0;
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> name = m.readString();
                            case 2 -> at = m.readLong();
                            default -> m.skip();
                        }
                    }
                    if (name != null) {
                        staging.lastEmitted.put(name, at);
                    }
                }
                default -> in.skip();
            }
        }
        BeaconingState s = new BeaconingState(seen, ledger, identities, alerts);
        s.entity = entity;
        s.cursor = cursor;
        s.evaluated = evaluated;
        s.connections = connections;
        s.evictedDestinations = evicted;
        s.pairs.putAll(staging.pairs);
        s.lastEmitted.putAll(staging.lastEmitted);
        return s;
    }
}
