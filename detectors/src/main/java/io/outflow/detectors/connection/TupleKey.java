package io.outflow.detectors.connection;

import io.outflow.schemas.FlowEvent;

/**
 * What the ledger groups events by before their destination: (cluster, sourceIp, sourcePort, destinationPort,
 * protocol), absent values as {@code ""} and {@code -1}. A record so that lookups need no key string per event.
 */
record TupleKey(String cluster, String sourceIp, int sourcePort, int destinationPort, String protocol) {

    static TupleKey of(FlowEvent e) {
        return new TupleKey(e.getCluster() == null ? "" : e.getCluster(),
                e.getSourceIp() == null ? "" : e.getSourceIp(),
                e.getSourcePort() == null ? -1 : e.getSourcePort(),
                e.getDestinationPort() == null ? -1 : e.getDestinationPort(),
                e.getProtocol() == null ? "" : e.getProtocol());
    }

    /** {@code cluster|sourceIp|sourcePort|destinationPort|protocol}: tuples are ordered by this text. */
    String text() {
        return cluster + "|" + sourceIp + "|" + sourcePort + "|" + destinationPort + "|" + protocol;
    }
}
