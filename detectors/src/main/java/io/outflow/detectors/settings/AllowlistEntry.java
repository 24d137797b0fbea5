package io.outflow.detectors.settings;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One allowlist entry: alerts whose destination it names, in its scope, are not raised. The destination conditions
 * that are given must all hold (a name in {@code domains}, an address in {@code cidrs}, a port in {@code ports});
 * at least one is required. An entry whose {@code expires} is at or before the alert's {@code windowEnd} (event
 * time) no longer applies: the alert is raised and the entry is counted as expired.
 *
 * @param id the entry's {@code name}, else its key path ({@code allowlist.entries[3]}); built-in entries start
 *     with {@code builtin:}
 * @param scope detectors, cluster, namespace, workload the entry is limited to
 * @param domains destination name patterns ({@link DomainPattern})
 * @param cidrs destination address ranges
 * @param ports destination ports
 * @param reason why the traffic is expected
 * @param owner who vouches for it
 * @param expires when it stops applying, or null
 * @param line where it was written (0 for built-in entries)
 */
public record AllowlistEntry(String id, AlertScope scope, List<DomainPattern> domains, List<AddressBlock> cidrs,
                             List<PortRange> ports, String reason, String owner, Instant expires, int line) {

    public AllowlistEntry {
        domains = List.copyOf(domains);
        cidrs = List.copyOf(cidrs);
        ports = List.copyOf(ports);
    }

    /** Whether the entry names the alert's destination and scope (expiry aside). */
    public boolean covers(Alert alert) {
        if (!scope.matches(alert)) {
            return false;
        }
        if (!domains.isEmpty() && domains.stream().noneMatch(d -> d.matches(alert.getDestinationFqdn()))) {
            return false;
        }
        if (!cidrs.isEmpty() && cidrs.stream().noneMatch(c -> c.contains(alert.getDestinationIp()))) {
            return false;
        }
        return ports.isEmpty() || ports.stream().anyMatch(p -> p.contains(alert.getDestinationPort()));
    }

    /** Whether the entry has stopped applying at an event time. */
    public boolean expiredAt(Instant time) {
        return expires != null && !time.isBefore(expires);
    }

    public boolean builtIn() {
        return id.startsWith("builtin:");
    }

    /** Reads one entry (a map), recording every problem. Returns null when it cannot be used. */
    public static AllowlistEntry read(ConfigNode entry, String idPrefix, ConfigProblems problems) {
        int before = problems.all().size();
        String name = RuleParts.text(entry, "name", problems);
        AlertScope scope = RuleParts.scope(entry, problems);
        List<DomainPattern> domains = new ArrayList<>();
        ConfigNode domainList = entry.get("domains");
        List<String> domainTexts = entry.strings("domains", problems);
        for (int i = 0; i < domainTexts.size(); i++) {
            try {
                domains.add(DomainPattern.parse(domainTexts.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(itemAt(domainList, i), e.getMessage());
            }
        }
        List<AddressBlock> cidrs = new ArrayList<>();
        ConfigNode cidrList = entry.get("cidrs");
        List<String> cidrTexts = entry.strings("cidrs", problems);
        for (int i = 0; i < cidrTexts.size(); i++) {
            try {
                cidrs.add(AddressBlock.parse(cidrTexts.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(itemAt(cidrList, i), e.getMessage());
            }
        }
        List<PortRange> ports = new ArrayList<>();
        ConfigNode portList = entry.get("ports");
        List<String> portTexts = entry.strings("ports", problems);
        for (int i = 0; i < portTexts.size(); i++) {
            try {
                ports.add(PortRange.parse(portTexts.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(itemAt(portList, i), e.getMessage());
            }
        }
        String reason = RuleParts.required(entry, "reason", problems);
        String owner = RuleParts.required(entry, "owner", problems);
        Instant expires = RuleParts.expires(entry, problems);
        if (domainTexts.isEmpty() && cidrTexts.isEmpty() && portTexts.isEmpty()) {
            problems.add(entry, "needs at least one of domains, cidrs or ports (to silence a workload or detector "
                    + "entirely, write a suppression)");
        }
        entry.rejectUnknownKeys(problems);
        if (problems.all().size() > before) {
            return null;
        }
        return new AllowlistEntry(name != null ? idPrefix + name : entry.path(), scope, domains, cidrs, ports, reason,
                owner, expires, entry.line());
    }

    static ConfigNode itemAt(ConfigNode list, int i) {
        return list.type() == ConfigNode.Type.LIST ? list.items().get(i) : list;
    }
}
