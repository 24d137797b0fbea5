package io.outflow.replay.job;

import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.schemas.EnrichedFlow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RegisteredDomains#fill} with the answers remembered: a history names the same few thousand hosts millions of
 * times, and the Public Suffix List lookup is the costliest step of enrichment. Same result as {@code fill}; sets the
 * field on the flow in place (the enrichment step owns the flow it just built).
 */
final class RegisteredDomainCache {
    private static final int CAPACITY = 65_536;

    private final Map<String, Optional<String>> byHost = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
            return size() > CAPACITY;
        }
    };

    EnrichedFlow fill(EnrichedFlow flow) {
        String host = flow.getFlow().getDestinationFqdn();
        if (flow.getRegisteredDomain() != null || host == null) {
            return flow;
        }
        Optional<String> domain = byHost.computeIfAbsent(host, RegisteredDomains::of);
        domain.ifPresent(flow::setRegisteredDomain);
        return flow;
    }
}
