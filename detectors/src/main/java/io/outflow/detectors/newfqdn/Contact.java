package io.outflow.detectors.newfqdn;

import io.outflow.detectors.alert.FlowEvidence;
import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A workload's contacts with one registered domain within one window: the flows' evidence ({@link FlowEvidence}),
 * the distinct eventIds (up to {@link #COUNT_CAP}) as the count, and whether any was allowed or denied. Idempotent, so
 * a duplicate delivery changes nothing and arrival order does not matter: this detector keeps no eventId memory.
 */
final class Contact {
    static final int COUNT_CAP = 256;

    FlowEvidence flows;
    final Set<String> eventIds = new HashSet<>();
    boolean countCapped;
    boolean anyAllowed;
    boolean anyDenied;

    /** @param samples how many names, addresses, ports, pods and eventIds the evidence keeps */
    Contact(int samples) {
        this.flows = new FlowEvidence(samples);
    }

    void add(EnrichedFlow flow) {
        FlowEvent e = flow.getFlow();
        flows.add(flow);
        if (eventIds.size() < COUNT_CAP) {
            eventIds.add(e.getEventId());
        } else if (!eventIds.contains(e.getEventId())) {
            countCapped = true;
        }
        if (e.getAction() == FlowAction.deny) {
            anyDenied = true;
        } else {
            anyAllowed = true;
        }
    }

    /** Tags 1–3 and 6–14 held the flow evidence before state version 2 (now tag 17): never reuse them. */
    void write(StateOutput out) {
        new TreeSet<>(eventIds).forEach(id -> out.writeString(4, id));
        out.writeBoolean(5, countCapped).writeBoolean(15, anyAllowed).writeBoolean(16, anyDenied)
                .writeMessage(17, flows::write);
    }

    static Contact read(StateInput in, int samples) {
        Contact c = new Contact(samples);
        while (in.next()) {
            switch (in.tag()) {
                case 4 -> c.eventIds.add(in.readString());
                case 5 -> c.countCapped = in.readBoolean();
                case 15 -> c.anyAllowed = in.readBoolean();
                case 16 -> c.anyDenied = in.readBoolean();
                case 17 -> c.flows = FlowEvidence.read(in.readMessage(), samples);
                default -> in.skip();
            }
        }
        return c;
    }
}
