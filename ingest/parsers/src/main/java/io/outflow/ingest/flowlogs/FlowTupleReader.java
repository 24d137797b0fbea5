package io.outflow.ingest.flowlogs;

import io.outflow.ingest.FlowEvents;
import io.outflow.ingest.RecordFields;
import io.outflow.ingest.time.Timestamps;
import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.FlowState;
import java.util.Locale;

/**
 * Reads one flow tuple — a comma-separated string of an NSG (version 1 or 2) or VNet (version 4) flow log — into one
 * {@code flow_summary} event with the tuple's own time. A tuple that cannot give an event (wrong field count, no
 * readable time, an invalid source IP) gives a reason naming the field instead; an invalid optional field is left
 * out and named in the event's warnings.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Times are epoch seconds or milliseconds (≥ 10^12 means milliseconds) and must fall in the years 2000 to
 *       2099: anything else is a misread unit or a broken writer, not a flow time.</li>
 *   <li>Counters are deltas since the previous tuple of the same flow, written as given: an empty counter
 *       ({@code ,,,,} on a begin tuple) is absent, and a begin tuple's {@code 0,0,0,0} stays 0 — zero deltas are
 *       exact and add nothing to sums, and rewriting them would hide what the log said. A counter that is negative,
 *       not a whole number or above 2^53 is left out with a warning.</li>
 *   <li>VNet state D is the deny: action {@code deny}, flowState {@code deny}; B, C and E are allowed flows. NSG logs
 *       carry the decision in its own column (A/D → action), and version 2's state column (B/C/E) is kept as given,
 *       also on denied tuples.</li>
 *   <li>The destination IP is optional in the contract: an invalid one is left out with a warning, as is an unknown
 *       protocol, direction, decision or state letter. Letters are read in either case.</li>
 * </ul>
 */
final class FlowTupleReader {
    /** The outcome of one tuple: an event, or the problem that kept it from being one. */
    record Result(FlowEvent event, String problem) {
        boolean ok() {
            return event != null;
        }
    }

    static final long EARLIEST_MILLIS = 946_684_800_000L; // 2000-01-01T00:00:00Z
    static final long LATEST_MILLIS = 4_102_444_800_000L; // 2100-01-01T00:00:00Z, exclusive
    static final long MAX_COUNTER = 1L << 53;

    private FlowTupleReader() {
    }

    /**
     * @param layout the tuple layout the record declares, or null to take the NSG layout from the field count (an NSG
     *               record of no known version)
     */
    static Result read(String tuple, TupleLayout layout, TupleOrigin origin) {
        if (tuple.isBlank()) {
            return failure("tuple is empty");
        }
        String[] fields = tuple.split(",", -1);
        if (layout == null) {
            layout = TupleLayout.nsgByFieldCount(fields.length);
            if (layout == null) {
                return failure("tuple has " + fields.length + " fields, expected 8 (NSG flow log version 1) or 13"
                        + " (version 2)");
            }
        } else if (fields.length != layout.fieldCount()) {
            return failure("tuple has " + fields.length + " fields, expected " + layout.fieldCount()
                    + layout.versionNote());
        }
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }

        long millis = Timestamps.epochMillis(fields[0]);
        if (millis == Long.MIN_VALUE) {
            return failure(layout.field(1) + " " + RecordFields.quote(fields[0])
                    + " is not an epoch time in seconds or milliseconds");
        }
        if (millis < EARLIEST_MILLIS || millis >= LATEST_MILLIS) {
            return failure(layout.field(1) + " " + RecordFields.quote(fields[0])
                    + " is not a time between the years 2000 and 2099");
        }
        if (fields[1].isEmpty()) {
            return failure(layout.field(2) + " is empty");
        }
        String sourceIp = RecordFields.ip(fields[1]);
        if (sourceIp == null) {
            return failure(layout.field(2) + " " + RecordFields.quote(fields[1]) + " is not an IP address");
        }

        FlowEvent event = FlowEvents.draft(origin.category(), FlowKind.flow_summary, millis);
        event.getWarnings().addAll(origin.warnings());
        event.setResourceId(origin.resourceId());
        event.setSourceIp(sourceIp);
        event.setDestinationIp(RecordFields.optionalIp(fields[2], layout.field(3), event));
        event.setSourcePort(RecordFields.port(fields[3], layout.field(4), event));
        event.setDestinationPort(RecordFields.port(fields[4], layout.field(5), event));
        event.setProtocol(protocol(fields[5], layout.field(6), event));
        event.setDirection(direction(fields[6], layout.field(7), event));
        if (layout == TupleLayout.VNET_V4) {
            vnetState(fields[7], layout.field(8), event);
            FlowEvents.extra(event, "encryption", fields[8]);
        } else {
            event.setAction(nsgDecision(fields[7], layout.field(8), event));
            if (layout == TupleLayout.NSG_V2) {
                event.setFlowState(nsgState(fields[8], layout.field(9), event));
            }
        }
        if (fields.length == 13) {
            event.setPacketsOut(counter(fields[9], layout.field(10), event));
            event.setBytesOut(counter(fields[10], layout.field(11), event));
            event.setPacketsIn(counter(fields[11], layout.field(12), event));
            event.setBytesIn(counter(fields[12], layout.field(13), event));
        }
        event.getExtras().putAll(origin.extras());
        return new Result(event, null);
    }

    private static Result failure(String problem) {
        return new Result(null, problem);
    }

    /** NSG writes T/U, VNet the IANA number; either is read in both. */
    private static String protocol(String token, String field, FlowEvent event) {
        if (token.isEmpty()) {
            return null;
        }
        switch (token.toUpperCase(Locale.ROOT)) {
            case "T":
                return "TCP";
            case "U":
                return "UDP";
            default:
                Long number = RecordFields.wholeNumber(token);
                if (number != null && number >= 0 && number <= 255 && Character.isDigit(token.charAt(0))) {
                    return RecordFields.protocolName(number.intValue());
                }
                RecordFields.warn(event, field, token, "is not a protocol (T, U or an IANA number)");
                return null;
        }
    }

    private static Direction direction(String token, String field, FlowEvent event) {
        switch (token.toUpperCase(Locale.ROOT)) {
            case "O":
                return Direction.outbound;
            case "I":
                return Direction.inbound;
            case "":
                return null;
            default:
                RecordFields.warn(event, field, token, "is not a direction (I or O)");
                return null;
        }
    }

    private static void vnetState(String token, String field, FlowEvent event) {
        switch (token.toUpperCase(Locale.ROOT)) {
            case "B":
                allowed(event, FlowState.begin);
                break;
            case "C":
                allowed(event, FlowState.continuing);
                break;
            case "E":
                allowed(event, FlowState.end);
                break;
            case "D":
                event.setFlowState(FlowState.deny);
                event.setAction(FlowAction.deny);
                break;
            case "":
                break;
            default:
                RecordFields.warn(event, field, token, "is not a flow state (B, C, E or D)");
        }
    }

    private static void allowed(FlowEvent event, FlowState state) {
        event.setFlowState(state);
        event.setAction(FlowAction.allow);
    }

    private static FlowAction nsgDecision(String token, String field, FlowEvent event) {
        switch (token.toUpperCase(Locale.ROOT)) {
            case "A":
                return FlowAction.allow;
            case "D":
                return FlowAction.deny;
            case "":
                return null;
            default:
                RecordFields.warn(event, field, token, "is not a decision (A or D)");
                return null;
        }
    }

    private static FlowState nsgState(String token, String field, FlowEvent event) {
        switch (token.toUpperCase(Locale.ROOT)) {
            case "B":
                return FlowState.begin;
            case "C":
                return FlowState.continuing;
            case "E":
                return FlowState.end;
            case "":
                return null;
            default:
                RecordFields.warn(event, field, token, "is not a flow state (B, C or E)");
                return null;
        }
    }

    /** A delta counter: empty is absent; negative, fractional, non-numeric or above 2^53 is left out with a warning. */
    private static Long counter(String token, String field, FlowEvent event) {
        if (token.isEmpty()) {
            return null;
        }
        Long number = RecordFields.wholeNumber(token);
        if (number != null && number >= 0 && number <= MAX_COUNTER) {
            return number;
        }
        RecordFields.warn(event, field, token, "is not a count from 0 to 2^53");
        return null;
    }
}
