package io.outflow.ingest.firewall;

import io.outflow.schemas.Direction;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;

/** The flow fields of an event in one value, so a test states all of them at once and a failure names each. */
record FlowFacts(FlowKind kind, String sourceIp, Integer sourcePort, String destinationIp, Integer destinationPort,
                 String destinationFqdn, String protocol, FlowAction action, Direction direction) {

    static FlowFacts of(FlowEvent e) {
        return new FlowFacts(e.getKind(), e.getSourceIp(), e.getSourcePort(), e.getDestinationIp(),
                e.getDestinationPort(), e.getDestinationFqdn(), e.getProtocol(), e.getAction(), e.getDirection());
    }
}
