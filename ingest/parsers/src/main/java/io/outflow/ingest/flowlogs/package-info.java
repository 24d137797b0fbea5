/**
 * NSG flow logs (versions 1 and 2) and VNet flow logs (version 4), read from the {@code PT1H.json} documents the
 * storage blobs hold (BodyParser reads the {@code {"records":[...]}} envelope). Every tuple is one entry: it gives one
 * {@code flow_summary} event with its own time, or one quarantine entry whose reason names the tuple field; a record
 * whose tuples cannot be read at all is one quarantine entry.
 *
 * <p>Extras: {@code rule}, {@code macAddress} (upper-case hex), {@code flowLogVersion}; VNet also {@code aclId},
 * {@code encryption}, {@code flowLogResourceId}, {@code flowLogGuid}; NSG also {@code systemId}. The decisions about
 * counters, states and times are on {@link io.outflow.ingest.flowlogs.FlowTupleReader}.
 */
package io.outflow.ingest.flowlogs;
