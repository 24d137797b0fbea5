package io.outflow.detectors.newfqdn;

import io.outflow.detectors.StateCodec;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;

/**
 * The new_fqdn state in the tagged binary form, version 2. Tags: 1 entity, 2 lifetime start, 3 last judged,
 * 4 known domain (name, first, last), 5 window (index, min, max, contacts), 6 open alert, 7 cleanup time. Contact
 * tags are in {@link Contact#write}; version 2 moved their flow evidence into one message, so version 1 is not read.
 */
final class NewFqdnStateCodec implements StateCodec<NewFqdnState> {
    static final int VERSION = 2;
    static final int OLDEST_READABLE = 2;

    private final NewFqdnSettings settings;

    NewFqdnStateCodec(NewFqdnSettings settings) {
        this.settings = settings;
    }

    @Override
    public byte[] encode(NewFqdnState s) {
        return StateOutput.encode(VERSION, out -> {
            out.writeString(1, s.entity).writeInstant(2, s.lifetimeStart).writeInstant(3, s.lastJudged);
            s.domains.forEach((domain, times) -> out.writeMessage(4, m -> m.writeString(1, domain)
                    .writeLong(2, times[0]).writeLong(3, times[1])));
            s.windows.forEach((index, window) -> out.writeMessage(5, m -> {
                m.writeLong(1, index).writeLong(2, window.minTime).writeLong(3, window.maxTime);
                window.contacts.forEach((domain, contact) -> m.writeMessage(4, c -> {
                    c.writeString(1, domain);
                    c.writeMessage(2, contact::write);
                }));
            }));
            s.open.write(out, 6);
            out.writeInstant(7, s.cleanupAt);
        });
    }

    @Override
    public NewFqdnState decode(byte[] bytes) {
        NewFqdnState s = new NewFqdnState();
        StateInput in = StateInput.decode(bytes, OLDEST_READABLE);
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> s.entity = in.readString();
                case 2 -> s.lifetimeStart = in.readInstant();
                case 3 -> s.lastJudged = in.readInstant();
                case 4 -> {
                    StateInput m = in.readMessage();
                    String domain = "";
                    long[] times = new long[2];
                    while (m.next()) {
                        switch (m.tag()) {
                            case 1 -> domain = m.readString();
                            case 2 -> times[0] = m.readLong();
                            case 3 -> times[1] = m.readLong();
                            default -> m.skip();
                        }
                    }
                    s.domains.put(domain, times);
                }
                case 5 -> readWindow(in.readMessage(), s);
                case 6 -> s.open.readEntry(in.readMessage());
                case 7 -> s.cleanupAt = in.readInstant();
                default -> in.skip();
            }
        }
        return s;
    }

    private void readWindow(StateInput in, NewFqdnState s) {
        long index = 0;
        NewFqdnState.Window window = new NewFqdnState.Window();
        while (in.next()) {
            switch (in.tag()) {
                case 1 -> index = in.readLong();
                case 2 -> window.minTime = in.readLong();
                case 3 -> window.maxTime = in.readLong();
                case 4 -> {
                    StateInput c = in.readMessage();
                    String domain = "";
                    Contact contact = new Contact(settings.maxSamples());
                    while (c.next()) {
                        switch (c.tag()) {
                            case 1 -> domain = c.readString();
                            case 2 -> contact = Contact.read(c.readMessage(), settings.maxSamples());
                            default -> c.skip();
                        }
                    }
                    window.contacts.put(domain, contact);
                }
                default -> in.skip();
            }
        }
        s.windows.put(index, window);
    }
}
