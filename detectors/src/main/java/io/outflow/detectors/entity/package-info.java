/**
 * The shared key function of the detectors (DESIGN.md): pod-attributed flows are detected per workload, node-attributed
 * ones per node, unattributed ones per source IP; per-destination detectors add the registered domain, else the IP.
 * {@link io.outflow.detectors.entity.SourceEntity} gives both the state key and the entity of the alert ID.
 */
package io.outflow.detectors.entity;
