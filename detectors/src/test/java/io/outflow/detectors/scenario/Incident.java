package io.outflow.detectors.scenario;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One injected incident of a scenario: what happened, to whom, when, and which detectors should raise it.
 *
 * @param id stable identifier ({@code beacon-03})
 * @param type {@code beacon}, {@code miner-sni}, {@code miner-port}, {@code exfiltration} or {@code first-seen}
 * @param expected the detectors that must alert on it (recall counts them)
 * @param entity the alert entity the incident belongs to ({@code namespace/Kind/name}, {@code node/x} or
 *     {@code ip/x})
 * @param destination the registered domain, else the destination IP
 * @param destinationIp the destination's address (an alert naming it instead of the domain is about the same place)
 * @param start the first event of the incident
 * @param end the last event of the incident
 * @param parameters what was drawn (period, jitter, bytes...), for the report
 */
public record Incident(String id, String type, Set<String> expected, String entity, String destination,
                       String destinationIp, Instant start, Instant end, Map<String, String> parameters) {
}
