/**
 * Counting a connection once whichever logs saw it: {@link io.outflow.detectors.connection.ConnectionLedger} merges a
 * key's firewall records, flow-log tuples and Hubble flows into {@link io.outflow.detectors.connection.Connection}s by
 * DESIGN.md's rule, independent of arrival order.
 */
package io.outflow.detectors.connection;
