/**
 * Azure Firewall logs, in both shapes Azure writes them: resource-specific AZFW* records
 * ({@link io.outflow.ingest.firewall.StructuredFirewallParser}) and legacy AzureDiagnostics records whose facts are
 * free text in {@code properties.msg} ({@link io.outflow.ingest.firewall.LegacyFirewallParser}). One record gives
 * one event or one quarantine entry.
 *
 * <p>Decisions, the same for both shapes:
 * <ul>
 *   <li><b>kind</b>: {@code connection} for network and application rules, flow trace and legacy rule lines;
 *       {@code nat} for AZFWNatRule and DNAT lines; {@code threat_intel}; {@code idps} (also legacy IDS lines);
 *       {@code dns_query} for AZFWDnsQuery, AZFWFqdnResolveFailure and DNS proxy lines; {@code flow_summary} for
 *       AZFWFatFlow. A legacy line's kind follows from what it says, not from its {@code operationName}.</li>
 *   <li><b>action</b>: Allow → allow; Deny and Drop (IDS drop) → deny; Alert → alert, in any case. NAT, DNS and
 *       fat-flow events have none.</li>
 *   <li><b>direction</b>: outbound (these are the logs of the firewall AKS egress goes through), except a DNAT
 *       (inbound) and a flow from a public address to an internal one (inbound). The firewall's own lookups
 *       (AZFWFqdnResolveFailure, the DNS proxy's {@code Error:} lines) carry no client and get no direction.</li>
 *   <li><b>protocol</b>: TCP, UDP, ICMP, ICMPv6 or the IANA number. HTTP, HTTPS and MSSQL run over TCP: protocol TCP
 *       and {@code extras.applicationProtocol}. An unknown token is left out with a warning.</li>
 *   <li><b>destinationFqdn</b>: application-rule and threat-intel {@code Fqdn}, a legacy {@code to host:port} whose
 *       host is not an IP address, the DNS query name; lower case, no trailing dot. A host that is neither a DNS
 *       name nor an address is left out with a warning.</li>
 *   <li><b>sourceIp</b> is required (quarantine when missing or invalid) except for the firewall's own lookups; every
 *       other invalid value (ports, destination, translated address, protocol, action) is left out and named in
 *       {@code warnings}.</li>
 *   <li><b>extras</b>: camelCase keys declared in {@link io.outflow.ingest.firewall.FirewallExtras}, one key per fact
 *       in both shapes (e.g. IDPS {@code Severity} and legacy {@code Priority:} are both {@code severity}).</li>
 * </ul>
 */
package io.outflow.ingest.firewall;
