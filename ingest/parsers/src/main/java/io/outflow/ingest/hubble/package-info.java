/**
 * AKS container network logs: Hubble flow JSON lines (Cilium's exporter, Retina), category {@code HubbleFlow}, one
 * {@code connection} event per line with the workload identity of both endpoints. The decisions about time,
 * aggregated lines without addresses, verdicts, direction, node and cluster are on
 * {@link io.outflow.ingest.hubble.HubbleFlowParser}; those about identities and labels on
 * {@code HubbleEndpoints}.
 */
package io.outflow.ingest.hubble;
