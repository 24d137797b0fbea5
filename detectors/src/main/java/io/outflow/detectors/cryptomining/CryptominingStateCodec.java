package io.outflow.detectors.cryptomining;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.dedup.SeenEvents;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cryptomining state in the tagged binary form ({@link StateOutput}), version 2. Tags: 1 eventId memory,
 * 2 window (index, sightings by entity, lookups, lookup count), 3 track (entity, activities, cumulative evidence,
 * last emitted, emitted kinds, last seen), 4 judged lookup (time, names), 5 open alert, 6 cleanup time. Sighting tags
 * are in {@link Sighting#write}; version 2 moved their flow evidence into one message, so version 1 is not read.
 */
final class CryptominingStateCodec implements StateCodec<CryptominingState> {
    static final int VERSION = 2;
    static final int OLDEST_READABLE = 2;

    @Override
    public byte[] encode(CryptominingState s) {
        return StateOutput.encode(VERSION, out -> {
            out.writeMessage(1, s.seen::write);
            s.windows.forEach((index, window) -> out.writeMessage(2, m -> {
                m.writeLong(1, index);
                window.sightings.forEach((entity, sighting) -> m.writeMessage(2, e -> {
                    e.writeString(1, entity);
                    e.writeMessage(2, sighting::write);
                }));
                writeLookups(m, 3, window.lookups);
                m.writeInt(4, window.lookupCount);
            }));
            s.tracks.forEach((entity, track) -> out.writeMessage(3, m -> {
                m.writeString(1, entity);
                track.activities.forEach((key, activity) -> m.writeMessage(2, a -> {
                    a.writeString(1, key);
                    a.writeMessage(2, activity::write);
                }));
                if (track.cumulative != null) {
                    m.writeMessage(3, track.cumulative::write);
                }
                m.writeInstant(4, track.lastEmitted).writeInt(5, track.emittedKinds).writeInstant(6, track.lastSeen);
            }));
            writeLookups(out, 4, s.lookups);
            s.open.write(out, 5);
            out.writeInstant(6, s.cleanupAt);
        });
    }

    @Override
    public CryptominingState decode(byte[] bytes) {
        CryptominingState s = new CryptominingState();
        StateInput in = StateInput.decode(bytes, OLDEST_READABLE);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> s.seen = SeenEvents.read(in.readMessage(), SeenEvents.DEFAULT_CAPACITY);
                case 2 -> readWindow(in.readMessage(), s);
                case 3 -> readTrack(in.readMessage(), s);
                case 4 -> readLookup(in.readMessage(), s.lookups);
                case 5 -> s.open.readEntry(in.readMessage());
                case 6 -> s.cleanupAt = in.readInstant();
                default -> in.skip();
            }
        }
        return s;
    }

    private static void writeLookups(StateOutput out, int tag, TreeMap<Long, TreeSet<String>> lookups) {
        for (Map.Entry<Long, TreeSet<String>> lookup : lookups.entrySet()) {
            out.writeMessage(tag, m -> {
                m.writeLong(1, lookup.getKey());
                lookup.getValue().forEach(name -> m.writeString(2, name));
            });
        }
    }

    private static void readLookup(StateInput in, TreeMap<Long, TreeSet<String>> into) {
        long time = 0;
        TreeSet<String> names = new TreeSet<>();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> time = in.readLong();
                case 2 -> names.add(in.readString());
                default -> in.skip();
            }
        }
        into.put(time, names);
    }

    private static void readWindow(StateInput in, CryptominingState s) {
        long index = 0;
        CryptominingState.Window window = new CryptominingState.Window();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> index = in.readLong();
                case 2 -> {
                    StateInput e = in.readMessage();
                    String entity = "";
                    Sighting sighting = new Sighting();
                    while (e.next()) {
                        switch (e.tag()) {
                            case 1 -> entity = e.readString();
                            case 2 -> sighting = Sighting.read(e.readMessage());
                            default -> e.skip();
                        }
                    }
                    window.sightings.put(entity, sighting);
                }
                case 3 -> readLookup(in.readMessage(), window.lookups);
                case 4 -> window.lookupCount = in.readInt();
                default -> in.skip();
            }
        }
        s.windows.put(index, window);
    }

    private static void readTrack(StateInput in, CryptominingState s) {
        String entity = "";
        CryptominingState.Track track = new CryptominingState.Track();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> entity = in.readString();
                case 2 -> {
                    StateInput a = in.readMessage();
                    String key = "";
                    PortActivity activity = null;
                    while (a.next()) {
                        switch (a.tag()) {
                            case 1 -> key = a.readString();
                            case 2 -> activity = PortActivity.read(a.readMessage());
                            default -> a.skip();
                        }
                    }
                    if (activity != null) {
                        track.activities.put(key, activity);
                    }
                }
                case 3 -> track.cumulative = Sighting.read(in.readMessage());
                case 4 -> track.lastEmitted = in.readInstant();
                case 5 -> track.emittedKinds = in.readInt();
                case 6 -> track.lastSeen = in.readInstant();
                default -> in.skip();
            }
        }
        s.tracks.put(entity, track);
    }
}
