package io.outflow.detectors.domain;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.outflow.schemas.EnrichedFlow;
import java.util.Locale;
import java.util.Optional;

/**
 * The registered domain (eTLD+1 by the Public Suffix List that Guava bundles) of a destination name, computed once per
 * flow upstream of the detectors ({@link #fill}) so that detectors and their benchmark never parse names.
 *
 * <p>Decision: the list's private section counts ({@link InternetDomainName#topPrivateDomain}), not only the ICANN
 * section ({@code topDomainUnderRegistrySuffix}). A registered domain should be the unit one party controls. Under the
 * ICANN section alone every Azure storage account ({@code attacker.blob.core.windows.net}), GitHub Pages site,
 * ngrok tunnel or Heroku app would collapse into {@code windows.net}, {@code github.io}, {@code ngrok.io} or
 * {@code herokuapp.com}, where an attacker's endpoint hides among everyone's; with the private section each is its own
 * domain, which is what first-seen and beaconing detection need. Churning names that are not in the list stay one
 * domain either way: {@code x7f3.cdn.example.net} and {@code a91c.cdn.example.net} are both {@code example.net}.
 *
 * <p>Rules: names are lower-cased and lose a trailing dot; an IP address, an invalid name or a name under no known
 * suffix ({@code svc.cluster.local}, {@code corp.internal}) has no registered domain; a name that is itself a public
 * suffix ({@code github.io}) is its own registered domain.
 */
public final class RegisteredDomains {
    private RegisteredDomains() {
    }

    public static Optional<String> of(String fqdn) {
        if (fqdn == null || fqdn.isEmpty()) {
            return Optional.empty();
        }
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || InetAddresses.isInetAddress(name) || !InternetDomainName.isValid(name)) {
            return Optional.empty();
        }
        InternetDomainName domain = InternetDomainName.from(name);
        if (domain.isPublicSuffix()) {
            return Optional.of(domain.toString());
        }
        if (!domain.isUnderPublicSuffix()) {
            return Optional.empty();
        }
        return Optional.of(domain.topPrivateDomain().toString());
    }

    /**
     * The flow with {@code registeredDomain} set from its destination name (the same flow when it already has one or
     * names no destination). The engines run this step once, right after enrichment; {@link
     * io.outflow.detectors.run.LocalRunner} runs it on flows that arrive without it.
     */
    public static EnrichedFlow fill(EnrichedFlow flow) {
        if (flow.getRegisteredDomain() != null || flow.getFlow().getDestinationFqdn() == null) {
            return flow;
        }
        Optional<String> domain = of(flow.getFlow().getDestinationFqdn());
        if (domain.isEmpty()) {
            return flow;
        }
        return EnrichedFlow.newBuilder(flow).setRegisteredDomain(domain.get()).build();
    }
}
