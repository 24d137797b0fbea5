package io.outflow.detectors.scenario;

import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A generated stretch of a cluster's egress: enriched flows in the order a live source would deliver them (out of
 * order within minutes, some delivered twice), the incidents injected into it, and which events belong to which
 * incident.
 *
 * @param seed the generator's seed
 * @param start first moment of the scenario
 * @param end end of the scenario
 * @param deliveries flows in delivery order (duplicates included)
 * @param incidents injected incidents, by start time
 * @param incidentOfEvent eventId to incident id, for incident events only
 * @param benignFlows number of distinct benign events
 */
public record Scenario(long seed, Instant start, Instant end, List<EnrichedFlow> deliveries, List<Incident> incidents,
                       Map<String, String> incidentOfEvent, int benignFlows) {
}
