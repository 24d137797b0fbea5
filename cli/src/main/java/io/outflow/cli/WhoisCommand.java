package io.outflow.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.config.InvalidConfigException;
import io.outflow.config.PipelineSettings;
import io.outflow.enrichment.EnrichmentSettings;
import io.outflow.enrichment.clusters.ClusterNetworks;
import io.outflow.enrichment.enricher.IdentityResolver;
import io.outflow.enrichment.enricher.ObservationPoint;
import io.outflow.enrichment.history.AddressFilter;
import io.outflow.enrichment.history.HistoryCounts;
import io.outflow.enrichment.history.HistorySource;
import io.outflow.enrichment.history.IdentityHistory;
import io.outflow.enrichment.timeline.IdentityAnswer;
import io.outflow.enrichment.timeline.IdentityTimeline;
import io.outflow.schemas.json.ContractJson;
import io.outflow.schemas.net.IpAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "whois", mixinStandardHelpOptions = true,
        description = {"Who held an IP address at a moment: the pod and workload, or the node, from identity history.",
            "History: kubectl watch-event streams (pretty-printed or one per line, concatenated or separate), "
                + "'kubectl get … -o json' lists, or IdentityChange Avro archives; .gz allowed; a directory means "
                + "every file under it.",
            "Prints one JSON object to stdout: cluster, namespace, workload, workloadKind, pod, node, from, to (absent "
                + "while current), attribution; or attribution unknown with a reason (outside-known-ranges, expired, "
                + "ambiguous, no-owner-at-time) and the candidates. A readable summary goes to stderr.",
            "Exit 0 for every answer (unknown included), 1 when a history file cannot be read, 2 for bad usage."})
final class WhoisCommand implements Callable<Integer> {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Parameters(index = "0", paramLabel = "IP", description = "The IPv4 or IPv6 address.")
    String address;

    @Option(names = "--at", required = true, paramLabel = "TIME",
            description = "The moment, ISO-8601 with Z or an offset (2026-01-15T02:30:00Z).")
    String at;

    @Option(names = "--k8s-events", required = true, arity = "1..*", paramLabel = "[CLUSTER=]FILE",
            description = "Identity history files or directories (repeatable); the cluster defaults to 'default'.")
    List<String> events;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "The cluster to ask; without it every cluster that could hold the address is asked.")
    String cluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "outflow.yaml: its clusters section (ranges, network plugins) and identity labels.")
    java.nio.file.Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IpAddress ip = IpAddress.parse(address == null ? null : address.strip());
        if (ip == null) {
            return usage(err, "'" + address + "' is not an IPv4 or IPv6 address");
        }
        Instant moment;
        try {
            moment = OffsetDateTime.parse(at.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return usage(err, "--at '" + at + "' is not an ISO-8601 time with Z or an offset "
                    + "(e.g. 2026-01-15T02:30:00Z)");
        }
        List<HistorySource> sources = new ArrayList<>();
        try {
            for (String spec : events) {
                HistorySource source = HistorySource.parse(spec);
                if (cluster != null && source.explicit() && !source.cluster().equals(cluster)) {
                    continue; // another cluster's history cannot answer for this one
                }
                if (!Files.exists(source.file())) {
                    err.println("outflow whois: cannot read " + source.file() + ": no such file or directory");
                    return Outflow.INPUT_UNREADABLE;
                }
                sources.addAll(source.expand());
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            err.println("outflow whois: cannot list " + e.getMessage());
            return Outflow.INPUT_UNREADABLE;
        }
        EnrichmentSettings settings;
        try {
            settings = readConfig();
        } catch (InvalidConfigException e) {
            err.println("outflow whois: " + e.getMessage());
            return Outflow.BAD_USAGE;
        }

        long started = System.nanoTime();
        IdentityTimeline timeline = new IdentityTimeline(settings.identity());
        HistoryCounts counts;
        try {
            counts = IdentityHistory.load(sources, timeline, AddressFilter.forAddress(ip));
        } catch (NoSuchFileException e) {
            err.println("outflow whois: cannot read " + e.getMessage() + ": no such file");
            return Outflow.INPUT_UNREADABLE;
        } catch (IOException e) {
            err.println("outflow whois: cannot read history: " + e.getMessage());
            return Outflow.INPUT_UNREADABLE;
        }
        ClusterNetworks networks = new ClusterNetworks(settings.clusters());
        if (cluster != null && !timeline.hasCluster(cluster) && networks.cluster(cluster) == null) {
            Set<String> known = new TreeSet<>(timeline.clusters());
            networks.all().forEach(c -> known.add(c.name()));
            return usage(err, "no history or configuration for cluster '" + cluster + "'"
                    + (known.isEmpty() ? "" : "; known: " + String.join(", ", known)));
        }
        IdentityAnswer answer = new IdentityResolver(timeline, networks)
                .resolve(cluster, null, ip, moment.toEpochMilli(), ObservationPoint.CLUSTER);

        out.println(json(answer));
        out.flush();
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("read %d file(s) in %.2f s: %s%n", sources.size(), seconds, counts.summary());
        for (String problem : counts.problems()) {
            err.println("  skipped " + problem);
        }
        err.println(summary(ip, moment, answer));
        err.flush();
        return Outflow.OK;
    }

    private EnrichmentSettings readConfig() {
        if (config == null) {
            return EnrichmentSettings.DEFAULT;
        }
        ConfigNode root = ConfigDocument.load(config);
        ConfigProblems problems = new ConfigProblems();
        PipelineSettings pipeline = PipelineSettings.read(root, problems);
        EnrichmentSettings settings = EnrichmentSettings.read(root, pipeline, problems);
        problems.throwIfAny();
        return settings;
    }

    private int usage(PrintWriter err, String message) {
        err.println("outflow whois: " + message);
        err.println("Try 'outflow whois --help' for more information.");
        err.flush();
        return Outflow.BAD_USAGE;
    }

    /** The contract object of DESIGN.md (absent values absent), plus ownerInference and serviceAccount. */
    static String json(IdentityAnswer answer) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            if (answer.isKnown()) {
                owner(answer, g);
                g.writeStringField("attribution", answer.attribution().name());
                extras(answer, g);
            } else {
                field(g, "cluster", answer.cluster());
                g.writeStringField("attribution", answer.attribution().name());
                g.writeStringField("reason", answer.reason().text());
                g.writeArrayFieldStart("candidates");
                for (String candidate : answer.candidates()) {
                    g.writeString(candidate);
                }
                g.writeEndArray();
                if (answer.previous() != null) {
                    g.writeObjectFieldStart("previous");
                    owner(answer.previous(), g);
                    extras(answer.previous(), g);
                    g.writeEndObject();
                }
                if (answer.next() != null) {
                    g.writeObjectFieldStart("next");
                    owner(answer.next(), g);
                    extras(answer.next(), g);
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    private static void owner(IdentityAnswer a, JsonGenerator g) throws IOException {
        field(g, "cluster", a.cluster());
        field(g, "namespace", a.namespace());
        field(g, "workload", a.workload());
        field(g, "workloadKind", a.workloadKind());
        field(g, "pod", a.pod());
        field(g, "node", a.node());
        field(g, "from", a.from() == null ? null : ContractJson.formatTime(a.from()));
        field(g, "to", a.to() == null ? null : ContractJson.formatTime(a.to()));
    }

    /** Beyond the contract's fields: how the workload was inferred, the service account, the pod's uid. */
    private static void extras(IdentityAnswer a, JsonGenerator g) throws IOException {
        field(g, "ownerInference", a.ownerInference());
        field(g, "serviceAccount", a.serviceAccount());
        field(g, "podUid", a.podUid());
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** One line for a person: who, which workload, where, and for how long. */
    static String summary(IpAddress ip, Instant moment, IdentityAnswer a) {
        String head = ip + " at " + ContractJson.formatTime(moment) + ": ";
        if (!a.isKnown()) {
            String text = head + "unknown (" + a.reason().text() + ")";
            if (!a.candidates().isEmpty()) {
                text += "; could be " + String.join(" or ", a.candidates());
            }
            if (a.previous() != null) {
                text += "; before: " + a.previous().describe() + " until " + formatOrOpen(a.previous().to());
            }
            if (a.next() != null) {
                text += "; after: " + a.next().describe() + " from " + formatOrOpen(a.next().from());
            }
            return text;
        }
        String span = " [" + formatOrOpen(a.from()) + " → " + (a.to() == null ? "current" : formatOrOpen(a.to()))
                + ")";
        if (a.pod() == null) {
            return head + "node " + a.node() + " of cluster " + a.cluster() + span;
        }
        String inferred = a.ownerInference() == null ? "" : ", inferred from " + a.ownerInference();
        return head + "pod " + a.namespace() + "/" + a.pod() + " (" + a.workloadKind() + " " + a.workload() + inferred
                + ") on node " + a.node() + " of cluster " + a.cluster() + span;
    }

    private static String formatOrOpen(Instant t) {
        return t == null ? "?" : ContractJson.formatTime(t);
    }
}
