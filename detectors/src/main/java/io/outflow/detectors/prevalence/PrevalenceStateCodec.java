package io.outflow.detectors.prevalence;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.Alert;
import io.outflow.schemas.binary.AvroBinarySerde;
import java.util.Arrays;
import java.util.Map;

/**
 * {@link PrevalenceState} in the tagged form of {@link StateOutput}. Version 1: tag 1 a source (1 its entity, 2 its
 * contact hours, one varint each, ascending), tag 2 a held alert (1 readyAt, 2 the alert as an Avro single object,
 * which carries its schema fingerprint and so evolves with the Alert schema).
 */
final class PrevalenceStateCodec implements StateCodec<PrevalenceState> {
    static final int VERSION = 1;
    private static final AvroBinarySerde<Alert> ALERTS = AvroBinarySerde.forSchema(Alert.getClassSchema());

    @Override
    public byte[] encode(PrevalenceState state) {
        return StateOutput.encode(VERSION, out -> {
            for (Map.Entry<String, ContactHours> source : state.sources.entrySet()) {
                out.writeMessage(1, s -> {
                    s.writeString(1, source.getKey());
                    for (int hour : source.getValue().toArray()) {
                        s.writeInt(2, hour);
                    }
                });
            }
            for (PrevalenceState.Held held : state.held) {
                out.writeMessage(2, h -> h.writeLong(1, held.readyAt()).writeBytes(2, ALERTS.serialize(held.alert())));
            }
        });
    }

    @Override
    public PrevalenceState decode(byte[] bytes) {
        StateInput in = StateInput.decode(bytes);
        PrevalenceState state = new PrevalenceState();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> readSource(in.readMessage(), state);
                case 2 -> state.held.add(readHeld(in.readMessage()));
                default -> in.skip();
            }
        }
        return state;
    }

    private static void readSource(StateInput in, PrevalenceState state) {
        String entity = null;
        int[] hours = new int[8];
        int count = 0;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> entity = in.readString();
                case 2 -> {
                    if (count == hours.length) {
                        hours = Arrays.copyOf(hours, count * 2);
                    }
                    hours[count++] = in.readInt();
                }
                default -> in.skip();
            }
        }
        if (entity != null && count > 0) {
            int[] sorted = Arrays.copyOf(hours, count);
            Arrays.sort(sorted);
            state.sources.put(entity, new ContactHours(sorted));
        }
    }

    private static PrevalenceState.Held readHeld(StateInput in) {
        long readyAt = 0;
        Alert alert = null;
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> readyAt = in.readLong();
                case 2 -> alert = ALERTS.deserialize(in.readBytes());
                default -> in.skip();
            }
        }
        if (alert == null) {
            throw new IllegalArgumentException("corrupt prevalence state: a held alert without its alert");
        }
        return new PrevalenceState.Held(readyAt, alert);
    }
}
