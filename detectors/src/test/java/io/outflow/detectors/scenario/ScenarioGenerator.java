package io.outflow.detectors.scenario;

import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.FlowState;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a labelled, seeded stretch of a fictional AKS cluster's egress as the enricher would hand it to the
 * detectors: Azure Firewall records (application rules with the FQDN, network rules with the IP; no bytes) and VNet
 * flow-log tuples (B without bytes, C every minute and E at the end with the bytes since the previous tuple) for each
 * connection, pod identities that change as workloads roll out and reuse addresses, a node pool whose traffic leaves
 * with the node's address, and one unattributed VM.
 *
 * <p>Benign traffic: web and API workloads with a daily rhythm and replicas that scale; CDN fetches over churning
 * subdomains; a telemetry agent and the Azure Monitor agent polling every minute from every node; a nightly backup
 * CronJob (new pod and address every night) and a database's nightly dump; hourly report uploads in office hours; a
 * workload deployed in the middle of the scenario; image pulls by nodes at rollouts; a feature-flag SDK in ten
 * services polling one shared endpoint (ten beacons by timing to a destination common to the cluster); and two benign
 * look-alikes that a SOC meets every week: a price-feed poller every 15 minutes (a beacon by timing) and a release
 * that starts calling a new partner API after the learning period (a first contact).
 *
 * <p>Incidents: beacons (periods 10 s to 1 h, jitter 0–30 %, one or all replicas, a pod-attributed and a
 * node-attributed one, one to a bare address), miners by SNI and by stratum port, exfiltration bursts (to new and to
 * known destinations), and first contacts with new names. Each names the detectors expected to raise it.
 *
 * <p>Everything derives from the seed; the same seed gives the same scenario, byte for byte.
 */
public final class ScenarioGenerator {
    public static final String CLUSTER = "aks-prod-weu";
    static final String FIREWALL = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hub/"
            + "providers/Microsoft.Network/azureFirewalls/fw-hub-weu";
    static final String VNET = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-aks/"
            + "providers/Microsoft.Network/virtualNetworks/vnet-aks-weu";
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    /**
     * How expectations depend on a workload's age: a first contact is expected to alert only from a workload past
     * new_fqdn's learning period (its default, 7 days), so incidents start after it.
     */
    public record Expectations(Duration newFqdnLearning) {
        public static final Expectations DEFAULT = new Expectations(Duration.ofDays(7));
    }

    /** A destination: its name (null for a bare address), registered domain, address and port. */
    record Destination(String fqdn, String registered, String ip, int port, String protocol) {
        String label() {
            return registered != null ? registered : ip;
        }
    }

    /** One pod's life: who it was, where, with which address, when. */
    record Pod(String name, String uid, String ip, String node, long from, long to) {
    }

    /** A workload and its pods over time. */
    final class Workload {
        final String namespace;
        final String kind;
        final String name;
        final String pool;
        final long created;
        final List<List<Pod>> replicas = new ArrayList<>();

        Workload(String namespace, String kind, String name, String pool, long created) {
            this.namespace = namespace;
            this.kind = kind;
            this.name = name;
            this.pool = pool;
            this.created = created;
        }

        String entity() {
            return namespace + "/" + kind + "/" + name;
        }

        /** The pod of a replica at a time, or null. */
        Pod podAt(int replica, long t) {
            if (replica >= replicas.size()) {
                return null;
            }
            for (Pod p : replicas.get(replica)) {
                if (p.from <= t && t < p.to) {
                    return p;
                }
            }
            return null;
        }
    }

    /** An event waiting to be delivered, with its incident (null when benign). */
    private record Pending(EnrichedFlow flow, String incident, long delivery) {
    }

    private final Random random;
    private final long seed;
    private final long start;
    private final long end;
    private final Expectations expectations;
    private final List<Pending> events = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();
    private final Map<String, String> incidentOfEvent = new LinkedHashMap<>();
    /** Pod addresses and until when they are taken; a freed address goes to the next pod a minute later. */
    private final Map<String, Long> podIpBusyUntil = new LinkedHashMap<>();
    private final List<String> appNodes = new ArrayList<>();
    private final List<String> systemNodes = new ArrayList<>();
    private final List<String> batchNodes = new ArrayList<>();
    private final Map<String, String> nodeIps = new LinkedHashMap<>();
    private final Map<String, Set<String>> domainsSeenByEntity = new HashMap<>();
    private int nextPodIp = 10;
    private long counter;
    private int benign;

    private ScenarioGenerator(long seed, Instant start, int days, Expectations expectations) {
        this.seed = seed;
        this.random = new Random(seed);
        this.start = start.toEpochMilli();
        this.end = this.start + days * DAY;
        this.expectations = expectations;
    }

    /** Generates {@code days} days of egress from {@code start} with the default expectations. */
    public static Scenario generate(long seed, Instant start, int days) {
        return generate(seed, start, days, Expectations.DEFAULT);
    }

    public static Scenario generate(long seed, Instant start, int days, Expectations expectations) {
        if (days * DAY < expectations.newFqdnLearning().toMillis() + 3 * DAY) {
            throw new IllegalArgumentException("a scenario needs the learning period plus 3 days for incidents");
        }
        ScenarioGenerator g = new ScenarioGenerator(seed, start, days, expectations);
        g.build();
        return g.deliver();
    }

    // ---------------------------------------------------------------------------------------------------------
    // the cluster

    private void build() {
        for (int i = 0; i < 2; i++) {
            node(systemNodes, "aks-system-31415926-vmss00000" + i, "10.224.0." + (4 + i));
        }
        for (int i = 0; i < 4; i++) {
            node(appNodes, "aks-apps-27182818-vmss00000" + i, "10.224.0." + (10 + i));
        }
        for (int i = 0; i < 2; i++) {
            node(batchNodes, "aks-batch-16180339-vmss00000" + i, "10.224.1." + (4 + i));
        }

        Workload storefront = deployment("shop", "storefront", 3, 0);
        Workload checkout = deployment("shop", "checkout", 2, 0);
        Workload catalog = deployment("shop", "catalog-api", 2, 0);
        Workload search = deployment("shop", "search-indexer", 1, 0);
        Workload mailer = deployment("notify", "mailer", 2, 0);
        Workload invoices = deployment("billing", "invoice-render", 2, 0);
        Workload reports = deployment("analytics", "report-export", 1, 0);
        Workload etl = deployment("analytics", "etl-worker", 3, 0);
        Workload media = deployment("media", "thumbnailer", 2, 0);
        Workload postgres = statefulSet("data", "postgres", 1, 0);
        Workload agent = daemonSet("monitoring", "metrics-agent");
        Workload ama = daemonSet("kube-system", "ama-logs");
        long newAt = start + 2 * DAY + 10 * HOUR;
        Workload recommendations = deployment("shop", "recommendations", 2, newAt);
        Workload backup = new Workload("data", "CronJob", "nightly-backup", "apps", start);

        Destination payments = https("api.payflow-gateway.com", "payflow-gateway.com", "20.50.12.7");
        Destination maps = https("maps.geoplace-api.net", "geoplace-api.net", "40.112.4.19");
        Destination reviews = https("widgets.reviewhub.io", "reviewhub.io", "52.31.200.4");
        Destination tax = https("rates.taxcalc-service.com", "taxcalc-service.com", "20.61.9.33");
        Destination fraud = https("score.riskwall.ai", "riskwall.ai", "13.80.6.91");
        Destination smtp = https("api.sendrelay-mail.com", "sendrelay-mail.com", "52.166.1.12");
        Destination push = https("fcm.pushgate-cloud.com", "pushgate-cloud.com", "20.73.110.5");
        Destination pdf = https("fonts.typecase-cdn.com", "typecase-cdn.com", "104.18.22.9");
        Destination reportSaas = https("upload.ledgerview-reports.com", "ledgerview-reports.com", "20.82.44.120");
        Destination feeds = https("data.partner-feeds.com", "partner-feeds.com", "51.124.3.77");
        Destination pypi = https("files.pkgmirror.org", "pkgmirror.org", "151.101.0.223");
        Destination images = https("img.stockframe-media.com", "stockframe-media.com", "23.55.14.90");
        Destination telemetry = https("ingest.eu1.metricsvendor.io", "metricsvendor.io", "34.120.55.3");
        Destination workspace = https("7f1c2d3e-aaaa-4bbb-8ccc-0123456789ab.ods.opinsights.azure.com", "azure.com",
                "20.50.65.82");
        Destination handler = https("global.handler.control.monitor.azure.com", "azure.com", "20.50.88.41");
        Destination vault = https("stbackupweu01.blob.core.windows.net", "stbackupweu01.blob.core.windows.net",
                "20.60.41.100");
        Destination dumps = https("stdumpsweu01.blob.core.windows.net", "stdumpsweu01.blob.core.windows.net",
                "20.60.41.133");
        Destination mcr = https("mcr.microsoft.com", "microsoft.com", "204.79.197.219");
        Destination recs = https("model.recoengine.ai", "recoengine.ai", "20.105.8.61");

        web(storefront, List.of(payments, maps, reviews, images), 90, 15_000);
        cdn(storefront, 60);
        web(checkout, List.of(payments, tax, fraud), 60, 6_000);
        web(catalog, List.of(images, feeds), 40, 25_000);
        web(search, List.of(feeds), 30, 40_000);
        web(mailer, List.of(smtp, push), 45, 30_000);
        web(invoices, List.of(pdf, tax), 25, 8_000);
        web(etl, List.of(feeds, pypi), 20, 60_000);
        web(media, List.of(images), 50, 400_000);
        web(recommendations, List.of(recs, images), 70, 12_000);
        reports(reports, reportSaas);
        telemetry(agent, telemetry, 60);
        telemetry(ama, workspace, 60);
        telemetry(ama, handler, 300);
        nightlyBackup(backup, vault);
        nightlyDump(postgres, dumps);
        web(postgres, List.of(pypi), 1, 2_000);
        nodeTraffic(feeds);
        imagePulls(mcr);
        unattributedVm(pypi);
        Destination fxFeed = https("rates.fxquote-feed.com", "fxquote-feed.com", "52.212.40.19");
        feedPoller(checkout, fxFeed, 15 * 60);
        Destination newPartner = https("api.giftcard-partner.com", "giftcard-partner.com", "20.93.7.66");
        newDependency(storefront, newPartner, start + 8 * DAY + 11 * HOUR);

        List<Workload> established = List.of(storefront, checkout, catalog, search, mailer, invoices, reports, etl,
                media, postgres);
        injectIncidents(established, storefront, etl, reports, media, reportSaas);
        Destination flags = https("edge.flagpole-cloud.com", "flagpole-cloud.com", "20.101.30.8");
        for (Workload w : List.of(storefront, checkout, catalog, search, mailer, invoices, reports, etl, media,
                recommendations)) {
            featureFlags(w, flags, 120);
        }
    }

    private void node(List<String> pool, String name, String ip) {
        pool.add(name);
        nodeIps.put(name, ip);
    }

    private Workload deployment(String namespace, String name, int replicas, long createdOffset) {
        long created = createdOffset == 0 ? start : createdOffset;
        Workload w = new Workload(namespace, "Deployment", name, "apps", created);
        for (int r = 0; r < replicas; r++) {
            w.replicas.add(podsOver(w, created, true, appNodes));
        }
        return w;
    }

    private Workload statefulSet(String namespace, String name, int replicas, long createdOffset) {
        Workload w = new Workload(namespace, "StatefulSet", name, "apps", start);
        for (int r = 0; r < replicas; r++) {
            w.replicas.add(podsOver(w, start, false, appNodes));
        }
        return w;
    }

    private Workload daemonSet(String namespace, String name) {
        Workload w = new Workload(namespace, "DaemonSet", name, "apps", start);
        List<String> nodes = new ArrayList<>(systemNodes);
        nodes.addAll(appNodes);
        for (String node : nodes) {
            List<Pod> pods = new ArrayList<>();
            pods.add(new Pod(name + "-" + suffix(5), uid(), allocateIp(start - DAY, end + DAY), node, start - DAY,
                    end + DAY));
            w.replicas.add(pods);
        }
        return w;
    }

    /** Pods of one replica from {@code from} to the end, replaced at daily rollouts (new name, new address). */
    private List<Pod> podsOver(Workload w, long from, boolean rolls, List<String> nodes) {
        List<Pod> pods = new ArrayList<>();
        long t = from == start ? start - DAY : from;
        String hash = suffix(10);
        while (t < end) {
            long next = rolls ? t + DAY + (long) (random.nextDouble() * 12 * HOUR) : end + DAY;
            String name = w.kind.equals("StatefulSet") ? w.name + "-" + pods.size() % 1
                    : w.name + "-" + hash + "-" + suffix(5);
            Pod pod = new Pod(name, uid(), allocateIp(t, next), nodes.get(random.nextInt(nodes.size())), t, next);
            pods.add(pod);
            t = next;
            hash = suffix(10);
        }
        return pods;
    }

    /** An address for a pod living over [from, to): mostly one freed at least a minute before (IPAM reuses them). */
    private String allocateIp(long from, long to) {
        if (random.nextDouble() < 0.7) {
            for (Map.Entry<String, Long> e : podIpBusyUntil.entrySet()) {
                if (e.getValue() + MINUTE <= from) {
                    e.setValue(to);
                    return e.getKey();
                }
            }
        }
        int n = nextPodIp++;
        String ip = "10.244." + (n / 250) + "." + (n % 250 + 2);
        podIpBusyUntil.put(ip, to);
        return ip;
    }

    // ---------------------------------------------------------------------------------------------------------
    // benign traffic

    /** Connections per replica per hour at the daily peak, with a rhythm low at night and high in the afternoon. */
    private void web(Workload w, List<Destination> destinations, double peakPerHour, double medianBytes) {
        for (int r = 0; r < w.replicas.size(); r++) {
            double t = Math.max(start, w.created);
            double maxRate = peakPerHour * (r == 0 || w.replicas.size() == 1 ? 1 : 0.9) / HOUR;
            while (true) {
                t += exponential(1 / maxRate);
                if (t >= end) {
                    break;
                }
                long at = (long) t;
                if (random.nextDouble() > rhythm(at)) {
                    continue;
                }
                Pod pod = w.podAt(r, at);
                if (pod == null) {
                    continue;
                }
                Destination d = destinations.get(random.nextInt(destinations.size()));
                long bytes = (long) logNormal(medianBytes, 1.0);
                long duration = (long) logNormal(1500, 1.0);
                if (random.nextDouble() < 0.05) {
                    duration = (long) (2 * MINUTE + random.nextDouble() * 8 * MINUTE); // pooled, long-lived
                }
                connection(w, pod, d, at, duration, bytes, (long) (bytes * 3 + 2000), true, null);
            }
        }
    }

    /** Fetches from random subdomains of one CDN: the registered domain stays the same. */
    private void cdn(Workload w, double peakPerHour) {
        for (int r = 0; r < w.replicas.size(); r++) {
            double t = start;
            while (true) {
                t += exponential(HOUR / peakPerHour);
                if (t >= end) {
                    break;
                }
                long at = (long) t;
                if (random.nextDouble() > rhythm(at)) {
                    continue;
                }
                Pod pod = w.podAt(r, at);
                if (pod == null) {
                    continue;
                }
                String sub = "e" + Integer.toHexString(0x10000 + random.nextInt(0xeffff));
                Destination d = https(sub + ".edge.fastmirror-cdn.net", "fastmirror-cdn.net",
                        "151.139.128." + (10 + random.nextInt(200)));
                connection(w, pod, d, at, (long) logNormal(800, 0.8), (long) logNormal(900, 0.5),
                        (long) logNormal(80_000, 1.2), true, null);
            }
        }
    }

    /** An agent on every node polling one endpoint with a small jitter. */
    private void telemetry(Workload w, Destination d, int periodSeconds) {
        for (int r = 0; r < w.replicas.size(); r++) {
            double t = start + random.nextDouble() * periodSeconds * 1000;
            while (t < end) {
                long at = (long) t;
                Pod pod = w.podAt(r, at);
                if (pod != null) {
                    connection(w, pod, d, at, (long) logNormal(300, 0.5), (long) logNormal(4_000, 0.3), 1_500,
                            true, null);
                }
                t += periodSeconds * 1000 * (1 + 0.02 * (2 * random.nextDouble() - 1));
            }
        }
    }

    /**
     * A benign beacon: one replica fetches a partner's price feed every 15 minutes (±3 s), all scenario long. A poller
     * like this is indistinguishable from an implant by timing; it is the false positive the beaconing page names.
     */
    private void feedPoller(Workload w, Destination d, int periodSeconds) {
        double t = start + random.nextDouble() * periodSeconds * 1000;
        while (t < end) {
            long at = (long) t;
            Pod pod = w.podAt(0, at);
            if (pod != null) {
                connection(w, pod, d, at, 600 + random.nextInt(400), 900 + random.nextInt(60), 25_000, true, null);
            }
            t += periodSeconds * 1000 + (random.nextDouble() * 6_000 - 3_000);
        }
    }

    /**
     * A benign shared poller: the feature-flag SDK built into every service fetches its flags every two minutes
     * (±2 %) from one replica. Each workload's pair is a beacon by timing; the destination is common to ten
     * workloads, which is what the prevalence stage damps (added last, so the incidents' draws stay as they were).
     */
    private void featureFlags(Workload w, Destination d, int periodSeconds) {
        double t = Math.max(start, w.created) + random.nextDouble() * periodSeconds * 1000;
        while (t < end) {
            long at = (long) t;
            Pod pod = w.podAt(0, at);
            if (pod != null) {
                connection(w, pod, d, at, 400 + random.nextInt(200), 2_000 + random.nextInt(500), 1_500, true, null);
            }
            t += periodSeconds * 1000 * (1 + 0.02 * (2 * random.nextDouble() - 1));
        }
    }

    /**
     * A benign first contact: a release of an established workload starts calling a new partner API, a few times an
     * hour from then on. A first-seen detector cannot tell it from an intruder's; it is new_fqdn's false positive.
     */
    private void newDependency(Workload w, Destination d, long from) {
        for (int r = 0; r < w.replicas.size(); r++) {
            double t = from + random.nextDouble() * 10 * MINUTE;
            while (t < end) {
                long at = (long) t;
                Pod pod = w.podAt(r, at);
                if (pod != null) {
                    connection(w, pod, d, at, (long) logNormal(1200, 0.6), (long) logNormal(3_000, 0.8), 9_000,
                            true, null);
                }
                t += exponential(HOUR / 4.0);
            }
        }
    }

    /** Hourly uploads of 150–250 MB in office hours (08–18 UTC), a steady large sender. */
    private void reports(Workload w, Destination d) {
        for (long day = start; day < end; day += DAY) {
            for (int h = 8; h < 18; h++) {
                long at = day + h * HOUR + 5 * MINUTE + (long) (random.nextDouble() * 4 * MINUTE);
                Pod pod = w.podAt(0, at);
                if (pod == null) {
                    continue;
                }
                long bytes = 150_000_000L + (long) (random.nextDouble() * 100_000_000L);
                streams(w, pod, d, at, 3, 6 * MINUTE, bytes, null);
            }
        }
    }

    /** A CronJob's new pod every night at 02:00 that uploads 3–6 GB in ~25 minutes over 8 streams. */
    private void nightlyBackup(Workload w, Destination d) {
        w.replicas.add(new ArrayList<>());
        for (long day = start; day < end; day += DAY) {
            long at = day + 2 * HOUR + (long) (random.nextDouble() * 3 * MINUTE);
            Pod pod = new Pod("nightly-backup-" + (29_000_000 + day / MINUTE % 1_000_000) + "-" + suffix(5), uid(),
                    allocateIp(at - MINUTE, at + HOUR), appNodes.get(random.nextInt(appNodes.size())), at - MINUTE,
                    at + HOUR);
            w.replicas.get(0).add(pod);
            long bytes = 3_000_000_000L + (long) (random.nextDouble() * 3_000_000_000L);
            streams(w, pod, d, at, 8, 25 * MINUTE, bytes, null);
        }
    }

    /** A database's nightly dump at 01:15, 600–900 MB, from a workload that is otherwise quiet. */
    private void nightlyDump(Workload w, Destination d) {
        for (long day = start; day < end; day += DAY) {
            long at = day + HOUR + 15 * MINUTE + (long) (random.nextDouble() * 2 * MINUTE);
            Pod pod = w.podAt(0, at);
            long bytes = 600_000_000L + (long) (random.nextDouble() * 300_000_000L);
            streams(w, pod, d, at, 2, 12 * MINUTE, bytes, null);
        }
    }

    /** A batch pool with node-attributed egress (CNI overlay): the nodes themselves pull feeds. */
    private void nodeTraffic(Destination d) {
        for (String node : batchNodes) {
            double t = start;
            while (true) {
                t += exponential(HOUR / 12.0);
                if (t >= end) {
                    break;
                }
                nodeConnection(node, d, (long) t, (long) logNormal(2_000, 1.0), (long) logNormal(20_000, 1.0), null);
            }
        }
    }

    /** Nodes pull images around rollouts: short bursts to the registry from the node's address. */
    private void imagePulls(Destination mcr) {
        for (String node : appNodes) {
            for (long day = start; day < end; day += DAY) {
                long at = day + (long) (random.nextDouble() * DAY);
                for (int i = 0; i < 4 + random.nextInt(6); i++) {
                    nodeConnection(node, mcr, at + i * 700L, 4_000, 3_000, null);
                }
            }
        }
    }

    /** A VM in the VNet that no identity knows: its flows stay unattributed. */
    private void unattributedVm(Destination d) {
        double t = start;
        while (true) {
            t += exponential(HOUR / 3.0);
            if (t >= end) {
                break;
            }
            flowEvent(unknownIdentity(), "10.225.8.20", 40_000 + random.nextInt(20_000), d, (long) t, 1_200, 9_000,
                    false, null);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // incidents

    private void injectIncidents(List<Workload> established, Workload storefront, Workload etl, Workload reports,
                                 Workload media, Destination reportSaas) {
        long firstIncident = start + expectations.newFqdnLearning().toMillis() + 6 * HOUR;
        long lastStart = end - 14 * HOUR;
        String[][] c2 = {
            {"cdn-sync.stratoshield.net", "stratoshield.net", "185.220.41.9"},
            {"api.quietbridge.io", "quietbridge.io", "45.142.212.61"},
            {"update.fontloader-cdn.com", "fontloader-cdn.com", "91.215.85.17"},
            {"status.orbitpulse.cc", "orbitpulse.cc", "193.149.176.40"},
            {"telemetry.nimbusgrid.org", "nimbusgrid.org", "62.233.50.12"},
            {"sync.parcelnode.net", "parcelnode.net", "94.232.41.105"},
            {"img.pixelharbor.co", "pixelharbor.co", "185.174.100.77"},
            {"check.lanternops.com", "lanternops.com", "45.86.163.5"},
            {"api.driftwell.dev", "driftwell.dev", "77.91.124.33"},
            {"cdn.velvetroute.net", "velvetroute.net", "194.26.29.120"},
            {"ws.emberlink.app", "emberlink.app", "146.70.87.44"},
            {null, null, "5.181.156.92"},
        };
        int[] periods = {10, 30, 60, 120, 300, 600, 900, 1800, 3600, 60, 300, 3600};
        double[] jitters = {0.0, 0.3, 0.2, 0.1, 0.3, 0.2, 0.3, 0.1, 0.3, 0.25, 0.15, 0.2};
        for (int i = 0; i < periods.length; i++) {
            String id = String.format(Locale.ROOT, "beacon-%02d", i + 1);
            int period = periods[i];
            long duration = Math.max(10 * HOUR, Math.min(36 * HOUR, 40L * period * 1000));
            long at = firstIncident + (long) (random.nextDouble() * Math.max(HOUR, lastStart - duration
                    - firstIncident));
            at = Math.min(at, end - duration - HOUR);
            Destination d = c2[i][0] == null ? new Destination(null, null, c2[i][2], 443, "TCP")
                    : https(c2[i][0], c2[i][1], c2[i][2]);
            if (i == 4) {
                beaconFromNodes(id, d, at, duration, period, jitters[i]);
            } else {
                Workload w = established.get(i % established.size());
                boolean allReplicas = i % 3 == 1;
                boolean sleepStyle = i % 2 == 0;
                beacon(id, w, d, at, duration, period, jitters[i], allReplicas, sleepStyle);
            }
        }

        // miners: by SNI on the pool's TLS name, and by stratum port to a bare address
        String[][] pools = {
            {"gulf.moneroocean.stream", "moneroocean.stream", "51.83.33.228", "10128"},
            {"xmr-eu1.nanopool.org", "nanopool.org", "51.15.69.136", "14433"},
        };
        for (int i = 0; i < pools.length; i++) {
            String id = String.format(Locale.ROOT, "miner-sni-%02d", i + 1);
            Workload w = established.get((i * 3 + 2) % established.size());
            long at = firstIncident + (long) (random.nextDouble() * (lastStart - firstIncident - 6 * HOUR));
            Destination d = new Destination(pools[i][0], pools[i][1], pools[i][2], Integer.parseInt(pools[i][3]),
                    "TCP");
            miner(id, "miner-sni", w, d, at, 6 * HOUR, true);
        }
        int[] stratumPorts = {3333, 45700};
        String[] minerIps = {"141.94.96.144", "178.32.120.127"};
        for (int i = 0; i < stratumPorts.length; i++) {
            String id = String.format(Locale.ROOT, "miner-port-%02d", i + 1);
            Workload w = established.get((i * 3 + 5) % established.size());
            long at = firstIncident + (long) (random.nextDouble() * (lastStart - firstIncident - 6 * HOUR));
            Destination d = new Destination(null, null, minerIps[i], stratumPorts[i], "TCP");
            miner(id, "miner-port", w, d, at, 6 * HOUR, false);
        }

        // exfiltration bursts: to a new name, to a bare address, and to a destination the workload already uses
        Destination[] drops = {
            https("files.quickshare-drop.com", "quickshare-drop.com", "104.21.55.8"),
            new Destination(null, null, "89.248.165.74", 443, "TCP"),
            https("upload.paste-vault.net", "paste-vault.net", "172.67.140.2"),
            reportSaas,
            https("bucket.cloudcrate-storage.com", "cloudcrate-storage.com", "52.95.155.30"),
            new Destination(null, null, "80.82.77.139", 8443, "TCP"),
        };
        Workload[] exfiltrators = {etl, storefront, established.get(5), reports, media, established.get(1)};
        long[] sizes = {1_200_000_000L, 600_000_000L, 350_000_000L, 2_500_000_000L, 1_800_000_000L, 400_000_000L};
        for (int i = 0; i < drops.length; i++) {
            String id = String.format(Locale.ROOT, "exfil-%02d", i + 1);
            long at = firstIncident + (long) (random.nextDouble() * (lastStart - firstIncident));
            // keep clear of the nightly jobs so that an incident is judged on its own
            long hourOfDay = Math.floorMod(at, DAY) / HOUR;
            if (hourOfDay < 4) {
                at += 5 * HOUR;
            }
            long duration = (10 + random.nextInt(20)) * MINUTE;
            exfiltration(id, exfiltrators[i], drops[i], at, duration, sizes[i]);
        }

        // first contacts with new names from established workloads
        String[][] firsts = {
            {"raw.snippetbin.com", "snippetbin.com", "104.26.3.44"},
            {"dl.toolshed-mirror.net", "toolshed-mirror.net", "185.199.110.9"},
            {"api.ipwhere.info", "ipwhere.info", "34.117.59.81"},
            {"hooks.chatrelay.dev", "chatrelay.dev", "18.159.197.225"},
            {"get.installkit.sh", "installkit.sh", "99.84.66.12"},
            {"paste.textdrop.org", "textdrop.org", "172.64.155.60"},
        };
        for (int i = 0; i < firsts.length; i++) {
            String id = String.format(Locale.ROOT, "first-seen-%02d", i + 1);
            Workload w = established.get((i * 7 + 3) % established.size());
            long at = firstIncident + (long) (random.nextDouble() * (lastStart - firstIncident));
            firstSeen(id, w, https(firsts[i][0], firsts[i][1], firsts[i][2]), at);
        }
        incidents.sort(Comparator.comparing(Incident::start).thenComparing(Incident::id));
    }

    private void beacon(String id, Workload w, Destination d, long at, long duration, int period, double jitter,
                        boolean allReplicas, boolean sleepStyle) {
        int replicas = allReplicas ? w.replicas.size() : 1;
        long last = at;
        for (int r = 0; r < replicas; r++) {
            double t = at + random.nextDouble() * period * 1000;
            long size = 400 + random.nextInt(1200);
            while (t < at + duration) {
                long now = (long) t;
                Pod pod = w.podAt(r, now);
                if (pod != null) {
                    long bytes = random.nextDouble() < 0.05 ? size * 4 : size + random.nextInt(40);
                    connection(w, pod, d, now, 200 + random.nextInt(900), bytes, 600 + random.nextInt(200), true, id);
                    last = Math.max(last, now);
                }
                double factor = sleepStyle ? 1 - jitter * random.nextDouble() : 1 + jitter * (2 * random.nextDouble()
                        - 1);
                t += period * 1000 * factor;
            }
        }
        Set<String> expected = new TreeSet<>(Set.of("beaconing"));
        if (d.registered != null && newNameFor(w, at, d)) {
            expected.add("new_fqdn");
        }
        incident(id, "beacon", expected, w.entity(), d, at, last, Map.of("period", period + "s", "jitter",
                String.valueOf(jitter), "replicas", String.valueOf(replicas), "style", sleepStyle ? "sleep" : "uniform"));
    }

    private void beaconFromNodes(String id, Destination d, long at, long duration, int period, double jitter) {
        String node = batchNodes.get(0);
        double t = at;
        long last = at;
        long size = 700;
        while (t < at + duration) {
            nodeConnection(node, d, (long) t, size + random.nextInt(30), 500, id);
            last = (long) t;
            t += period * 1000 * (1 + jitter * (2 * random.nextDouble() - 1));
        }
        incident(id, "beacon", new TreeSet<>(Set.of("beaconing")), "node/" + node, d, at, last,
                Map.of("period", period + "s", "jitter", String.valueOf(jitter), "attribution", "node"));
    }

    private void miner(String id, String type, Workload w, Destination d, long at, long duration, boolean viaName) {
        Pod pod = w.podAt(0, at);
        // a few long stratum sessions, each reconnecting after a drop, with low steady bytes
        long t = at;
        long last = at;
        while (t < at + duration) {
            long session = Math.min(at + duration - t, (long) (45 * MINUTE + random.nextDouble() * 60 * MINUTE));
            Pod p = w.podAt(0, t);
            if (p != null) {
                connection(w, p, d, t, session, session / 1000 * 40, session / 1000 * 60, true, id);
            }
            last = t + session;
            t += session + 5_000 + random.nextInt(20_000);
        }
        Set<String> expected = new TreeSet<>(Set.of("cryptomining"));
        if (viaName && newNameFor(w, at, d)) {
            expected.add("new_fqdn");
        }
        incident(id, type, expected, w.entity(), d, at, last, Map.of("port", String.valueOf(d.port)));
        if (pod == null) {
            throw new IllegalStateException("no pod for " + w.entity());
        }
    }

    private void exfiltration(String id, Workload w, Destination d, long at, long duration, long total) {
        Pod pod = w.podAt(0, at);
        streams(w, pod, d, at, 4, duration, total, id);
        Set<String> expected = new TreeSet<>(Set.of("bandwidth_spike"));
        if (d.registered != null && newNameFor(w, at, d)) {
            expected.add("new_fqdn");
        }
        incident(id, "exfiltration", expected, w.entity(), d, at, at + duration,
                Map.of("bytes", String.valueOf(total), "minutes", String.valueOf(duration / MINUTE)));
    }

    private void firstSeen(String id, Workload w, Destination d, long at) {
        int n = 1 + random.nextInt(4);
        long last = at;
        for (int i = 0; i < n; i++) {
            long t = at + i * (long) (random.nextDouble() * 20 * MINUTE);
            Pod pod = w.podAt(0, t);
            connection(w, pod, d, t, 900, 2_000 + random.nextInt(3000), 30_000, true, id);
            last = Math.max(last, t);
        }
        Set<String> expected = new TreeSet<>();
        if (newNameFor(w, at, d)) {
            expected.add("new_fqdn");
        }
        incident(id, "first-seen", expected, w.entity(), d, at, last, Map.of("connections", String.valueOf(n)));
    }

    private boolean newNameFor(Workload w, long at, Destination d) {
        return at - w.created >= expectations.newFqdnLearning().toMillis()
                && !domainsSeenByEntity.getOrDefault(w.entity(), Set.of()).contains(d.registered);
    }

    private void incident(String id, String type, Set<String> expected, String entity, Destination d, long from,
                          long to, Map<String, String> parameters) {
        incidents.add(new Incident(id, type, Set.copyOf(expected), entity, d.label(), d.ip, Instant.ofEpochMilli(from),
                Instant.ofEpochMilli(to), new java.util.TreeMap<>(parameters)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // events

    /** Parallel streams of one transfer: each a long connection whose bytes arrive in C tuples each minute. */
    private void streams(Workload w, Pod pod, Destination d, long at, int count, long duration, long total,
                         String incident) {
        for (int s = 0; s < count; s++) {
            long begin = at + s * 1_500L;
            long length = (long) (duration * (0.85 + 0.15 * random.nextDouble()));
            connection(w, pod, d, begin, length, total / count, total / count / 50, true, incident);
        }
    }

    /**
     * One connection: a firewall record (application rule with the name, network rule for a bare address) and the
     * VNet flow tuples B, C each minute, E, the latter two with the bytes since the previous tuple.
     */
    private void connection(Workload w, Pod pod, Destination d, long at, long duration, long bytesOut, long bytesIn,
                            boolean viaFirewall, String incident) {
        WorkloadIdentity identity = podIdentity(w, pod);
        if (d.registered != null && incident == null) {
            domainsSeenByEntity.computeIfAbsent(w.entity(), k -> new java.util.HashSet<>()).add(d.registered);
        }
        flowEvent(identity, pod.ip, 32_768 + random.nextInt(28_000), d, at, duration, bytesOut, bytesIn, viaFirewall,
                incident);
    }

    private void nodeConnection(String node, Destination d, long at, long bytesOut, long bytesIn, String incident) {
        WorkloadIdentity identity = WorkloadIdentity.newBuilder()
                .setAttribution(Attribution.node)
                .setCluster(CLUSTER)
                .setNode(node)
                .build();
        flowEvent(identity, nodeIps.get(node), 32_768 + random.nextInt(28_000), d, at, 600, bytesOut, bytesIn, true,
                incident);
    }

    private void flowEvent(WorkloadIdentity identity, String sourceIp, int sourcePort, Destination d, long at,
                           long bytesOut, long bytesIn, boolean viaFirewall, String incident) {
        flowEvent(identity, sourceIp, sourcePort, d, at, 900, bytesOut, bytesIn, viaFirewall, incident);
    }

    private void flowEvent(WorkloadIdentity identity, String sourceIp, int sourcePort, Destination d, long at,
                           long duration, long bytesOut, long bytesIn, boolean viaFirewall, String incident) {
        if (at < start || at >= end) {
            return;
        }
        if (viaFirewall) {
            FlowEvent fw = base(at + random.nextInt(400), d.fqdn != null ? "AZFWApplicationRule" : "AZFWNetworkRule",
                    FlowKind.connection, sourceIp, sourcePort, d);
            fw.setResourceId(FIREWALL);
            fw.setAction(FlowAction.allow);
            if (d.fqdn != null) {
                fw.setDestinationIp(null);
                fw.setDestinationFqdn(d.fqdn);
                fw.getExtras().put("rule", "allow-egress-web");
                fw.getExtras().put("applicationProtocol", "HTTPS");
            } else {
                fw.getExtras().put("rule", "allow-egress-any");
            }
            add(fw, identity, d, incident);
        }
        FlowEvent begin = base(at, "FlowLogFlowEvent", FlowKind.flow_summary, sourceIp, sourcePort, d);
        begin.setFlowState(FlowState.begin);
        add(begin, identity, d, incident);
        long sent = 0;
        long received = 0;
        long minutes = duration / MINUTE;
        for (long m = 1; m <= minutes; m++) {
            long t = at + m * MINUTE;
            long out = bytesOut * m / (minutes + 1) - sent;
            long in = bytesIn * m / (minutes + 1) - received;
            sent += out;
            received += in;
            FlowEvent c = base(t, "FlowLogFlowEvent", FlowKind.flow_summary, sourceIp, sourcePort, d);
            c.setFlowState(FlowState.continuing);
            counters(c, out, in);
            add(c, identity, d, incident);
        }
        FlowEvent e = base(at + duration, "FlowLogFlowEvent", FlowKind.flow_summary, sourceIp, sourcePort, d);
        e.setFlowState(FlowState.end);
        counters(e, bytesOut - sent, bytesIn - received);
        add(e, identity, d, incident);
    }

    private FlowEvent base(long at, String category, FlowKind kind, String sourceIp, int sourcePort, Destination d) {
        FlowEvent e = new FlowEvent(); // the all-setter form: the builder's defaults cost more than the scenario itself
        e.setEventId("");
        e.setTime(Instant.ofEpochMilli(at));
        e.setCategory(category);
        e.setKind(kind);
        e.setCluster(CLUSTER);
        e.setSourceIp(sourceIp);
        e.setSourcePort(sourcePort);
        e.setDestinationIp(d.ip);
        e.setDestinationPort(d.port);
        e.setProtocol(d.protocol);
        e.setAction(FlowAction.allow);
        e.setDirection(Direction.outbound);
        e.setResourceId(VNET);
        e.setWarnings(new ArrayList<>(0));
        e.setExtras(new LinkedHashMap<>(4));
        return e;
    }

    private static void counters(FlowEvent e, long out, long in) {
        e.setBytesOut(Math.max(0, out));
        e.setPacketsOut(Math.max(1, out / 1200));
        e.setBytesIn(Math.max(0, in));
        e.setPacketsIn(Math.max(1, in / 1200));
    }

    private void add(FlowEvent e, WorkloadIdentity identity, Destination d, String incident) {
        e.setEventId(eventId(e));
        EnrichedFlow flow = new EnrichedFlow(e, identity, null, e.getDestinationFqdn() != null ? d.registered : null);
        long delay = deliveryDelay();
        events.add(new Pending(flow, incident, e.getTime().toEpochMilli() + delay));
        if (incident != null) {
            incidentOfEvent.put(e.getEventId(), incident);
        } else {
            benign++;
        }
        if (random.nextDouble() < 0.004) { // at-least-once delivery: the same event again, a little later
            events.add(new Pending(flow, incident, e.getTime().toEpochMilli() + delay + random.nextInt(120_000)));
        }
    }

    /** Minutes of delay, as log pipelines have; almost always within the 10-minute allowed lateness. */
    private long deliveryDelay() {
        double u = random.nextDouble();
        if (u < 0.0005) {
            return 12 * MINUTE + random.nextInt((int) (10 * MINUTE)); // the odd straggler arrives too late
        }
        return (long) (random.nextDouble() * random.nextDouble() * 8 * MINUTE);
    }

    /** 128 random bits from the seeded generator, as 32 hex digits (the form of a real eventId). */
    private String eventId(FlowEvent e) {
        counter++;
        String hi = Long.toHexString(random.nextLong());
        String lo = Long.toHexString(random.nextLong());
        return "0".repeat(16 - hi.length()) + hi + "0".repeat(16 - lo.length()) + lo;
    }

    private WorkloadIdentity podIdentity(Workload w, Pod pod) {
        return WorkloadIdentity.newBuilder()
                .setAttribution(Attribution.pod)
                .setCluster(CLUSTER)
                .setNamespace(w.namespace)
                .setPod(pod.name)
                .setPodUid(pod.uid)
                .setWorkloadKind(w.kind)
                .setWorkload(w.name)
                .setNode(pod.node)
                .setValidFrom(Instant.ofEpochMilli(pod.from))
                .build();
    }

    private static WorkloadIdentity unknownIdentity() {
        return WorkloadIdentity.newBuilder()
                .setAttribution(Attribution.unknown)
                .setAttributionReason("outside-known-ranges")
                .setCluster(CLUSTER)
                .build();
    }

    private Scenario deliver() {
        events.sort(Comparator.comparingLong(Pending::delivery)
                .thenComparing(p -> p.flow.getFlow().getEventId()));
        List<EnrichedFlow> flows = new ArrayList<>(events.size());
        for (Pending p : events) {
            flows.add(p.flow);
        }
        return new Scenario(seed, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), List.copyOf(flows),
                List.copyOf(incidents), Map.copyOf(incidentOfEvent), benign);
    }

    // ---------------------------------------------------------------------------------------------------------
    // small draws

    /** Daily rhythm in [0.2, 1]: lowest around 03:00 UTC, highest around 15:00. */
    static double rhythm(long t) {
        double hour = Math.floorMod(t, DAY) / (double) HOUR;
        return 0.6 - 0.4 * Math.cos(2 * Math.PI * (hour - 3) / 24);
    }

    private double exponential(double mean) {
        return -Math.log(1 - random.nextDouble()) * mean;
    }

    private double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private Destination https(String fqdn, String registered, String ip) {
        return new Destination(fqdn, registered, ip, 443, "TCP");
    }

    private String suffix(int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private String uid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
