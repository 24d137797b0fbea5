package io.outflow.detectors.alert;

import io.outflow.schemas.json.ContractJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A KQL query that pulls the raw rows behind an alert from Log Analytics, for the tables the alert's events came from:
 * the resource-specific Azure Firewall tables ({@code AZFWApplicationRule}, {@code AZFWNetworkRule},
 * {@code AZFWThreatIntel}, {@code AZFWIdpsSignature}, {@code AZFWDnsQuery}, {@code AZFWFlowTrace},
 * {@code AZFWFatFlow}, {@code AZFWNatRule}), legacy firewall lines in {@code AzureDiagnostics}, VNet flow logs through
 * traffic analytics ({@code NTANetAnalytics}) and Hubble flows from ACNS container network logs
 * ({@code ContainerNetworkLogs}). The time range is widened by {@link #MARGIN} on both sides, because Azure writes
 * {@code TimeGenerated} when it ingests, a little after the event. Several tables are joined with {@code union}.
 */
public final class RawRowsQuery {
    public static final Duration MARGIN = Duration.ofMinutes(15);

    private final TreeSet<String> categories = new TreeSet<>();
    private final TreeSet<String> sourceIps = new TreeSet<>();
    private Instant from;
    private Instant to;
    private String destinationFqdn;
    private String destinationIp;
    private Integer destinationPort;

    public static RawRowsQuery create() {
        return new RawRowsQuery();
    }

    /** The event categories (FlowEvent.category) whose tables hold the rows. */
    public RawRowsQuery categories(Collection<String> names) {
        categories.addAll(names);
        return this;
    }

    public RawRowsQuery sourceIps(Collection<String> ips) {
        for (String ip : ips) {
            if (ip != null) {
                sourceIps.add(ip);
            }
        }
        return this;
    }

    public RawRowsQuery between(Instant first, Instant last) {
        this.from = first;
        this.to = last;
        return this;
    }

    /** A registered domain or name: matched as the name or any name under it. */
    public RawRowsQuery destinationFqdn(String fqdn) {
        this.destinationFqdn = fqdn;
        return this;
    }

    public RawRowsQuery destinationIp(String ip) {
        this.destinationIp = ip;
        return this;
    }

    public RawRowsQuery destinationPort(Integer port) {
        this.destinationPort = port;
        return this;
    }

    public String build() {
        List<String> parts = new ArrayList<>();
        TreeSet<String> tables = new TreeSet<>();
        for (String category : categories) {
            tables.add(tableOf(category));
        }
        if (tables.isEmpty()) {
            tables.add("AZFWNetworkRule");
        }
        for (String table : tables) {
            parts.add(queryFor(table));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        StringBuilder union = new StringBuilder("union isfuzzy=true ");
        for (int i = 0; i < parts.size(); i++) {
            union.append(i == 0 ? "" : ", ").append('(').append(parts.get(i)).append(')');
        }
        return union.toString();
    }

    /** The Log Analytics table of an event category. */
    static String tableOf(String category) {
        String c = category.toLowerCase(Locale.ROOT);
        if (c.startsWith("azfw")) {
            return category;
        }
        if (c.startsWith("azurefirewall")) {
            return "AzureDiagnostics";
        }
        if (c.equals("hubbleflow")) {
            return "ContainerNetworkLogs";
        }
        if (c.contains("flowlog") || c.contains("flowevent")) {
            return "NTANetAnalytics";
        }
        return category;
    }

    private String queryFor(String table) {
        StringBuilder q = new StringBuilder(table);
        if (from != null && to != null) {
            q.append(" | where TimeGenerated between (datetime(").append(ContractJson.formatTime(from.minus(MARGIN)))
                    .append(") .. datetime(").append(ContractJson.formatTime(to.plus(MARGIN))).append("))");
        }
        switch (table) {
            case "AzureDiagnostics" -> {
                q.append(" | where Category in (").append(quoted(legacyCategories())).append(')');
                if (sourceIps.size() == 1) {
                    q.append(" | where msg_s has ").append(quote(sourceIps.first()));
                } else if (sourceIps.size() > 1) {
                    q.append(" | where msg_s has_any (").append(quoted(sourceIps)).append(')');
                }
                if (destinationFqdn != null) {
                    q.append(" | where msg_s has ").append(quote(destinationFqdn));
                } else if (destinationIp != null) {
                    q.append(" | where msg_s has ").append(quote(destinationIp));
                }
            }
            case "NTANetAnalytics" -> {
                whereIn(q, "SrcIp", sourceIps);
                if (destinationIp != null) {
                    q.append(" | where DestIp == ").append(quote(destinationIp));
                }
                if (destinationPort != null) {
                    q.append(" | where DestPort == ").append(destinationPort);
                }
            }
            case "AZFWDnsQuery" -> {
                whereIn(q, "SourceIp", sourceIps);
                if (destinationFqdn != null) {
                    fqdn(q, "QueryName");
                }
            }
            default -> {
                whereIn(q, "SourceIp", sourceIps);
                boolean hasFqdnColumn = table.equals("AZFWApplicationRule") || table.equals("AZFWThreatIntel");
                if (destinationFqdn != null && hasFqdnColumn) {
                    fqdn(q, "Fqdn");
                } else if (destinationIp != null && !table.equals("AZFWApplicationRule")) {
                    q.append(" | where DestinationIp == ").append(quote(destinationIp));
                }
                if (destinationPort != null) {
                    q.append(" | where DestinationPort == ").append(destinationPort);
                }
            }
        }
        return q.toString();
    }

    private List<String> legacyCategories() {
        List<String> legacy = new ArrayList<>();
        for (String category : categories) {
            if (category.toLowerCase(Locale.ROOT).startsWith("azurefirewall")) {
                legacy.add(category);
            }
        }
        return legacy;
    }

    private void fqdn(StringBuilder q, String column) {
        q.append(" | where ").append(column).append(" =~ ").append(quote(destinationFqdn)).append(" or ")
                .append(column).append(" endswith ").append(quote("." + destinationFqdn));
    }

    private static void whereIn(StringBuilder q, String column, Collection<String> values) {
        if (values.size() == 1) {
            q.append(" | where ").append(column).append(" == ").append(quote(values.iterator().next()));
        } else if (!values.isEmpty()) {
            q.append(" | where ").append(column).append(" in (").append(quoted(values)).append(')');
        }
    }

    private static String quoted(Collection<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            out.append(out.length() == 0 ? "" : ", ").append(quote(value));
        }
        return out.toString();
    }

    /** A KQL string literal; names and addresses never hold quotes, but a hostile name must not break out. */
    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
