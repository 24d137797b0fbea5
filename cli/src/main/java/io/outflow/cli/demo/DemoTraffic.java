package io.outflow.cli.demo;

import io.outflow.cli.demo.DemoCluster.Pod;
import io.outflow.cli.demo.DemoCluster.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's egress, as connections in event time: routine traffic with its traps (telemetry polling every minute
 * from many workloads, CDN subdomain churn, a nightly backup) and four injected incidents (a beacon with jitter, a
 * miner by SNI and by stratum port, an exfiltration burst, a first-seen domain). Seeded: every run is the same.
 */
final class DemoTraffic {

    /** One outbound connection; {@code bytesOut} > 0 only where a flow log or Hubble would count bytes. */
    record Connection(long second, Pod pod, String fqdn, String destinationIp, int port, String protocol,
                      long bytesOut, long bytesIn, boolean networkRule) {
    }

    /** An address lookup through the firewall's DNS proxy, as CoreDNS forwards it. */
    record Lookup(long second, String name, String answer) {
    }

    final List<Connection> connections = new ArrayList<>();
    final List<Lookup> lookups = new ArrayList<>();
    private final Random random = new Random(20260302L);
    private final DemoCluster cluster;
    private final long end;

    DemoTraffic(DemoCluster cluster, long days) {
        this.cluster = cluster;
        this.end = days * DemoCluster.DAY;
        routine();
        incidents();
        connections.sort((a, b) -> Long.compare(a.second(), b.second()));
    }

    private void routine() {
        String[] partners = {"api.partner-billing.example", "auth.idp-partner.example", "search.catalog.example",
            "static.fonts-provider.example"};
        for (Pod pod : cluster.workload("web-frontend").pods()) {
            requests(pod, 45, (t) -> {
                if (random.nextInt(3) == 0) {
                    // CDN churn: a new host name each time under one registered domain
                    add(t, pod, "x" + Integer.toHexString(random.nextInt(1 << 20)) + ".cdn.shopassets.example",
                            "203.0.113." + (20 + random.nextInt(5)), 443, 40_000 + random.nextInt(20_000));
                } else {
                    add(t, pod, partners[random.nextInt(partners.length)], "203.0.113." + (30 + random.nextInt(8)),
                            443, 4_000 + random.nextInt(6_000));
                }
            });
        }
        Pod payments = cluster.workload("payments-api").pods().get(0);
        requests(payments, 120, t -> add(t, payments, "api.paygate.example", "203.0.113.60", 443, 3_000));
        for (Workload w : cluster.workloads()) {
            if (w.name().equals("image-resizer") || w.name().equals("batch-worker")) {
                continue;
            }
            for (Pod pod : w.pods()) {
                // telemetry SDKs and agents poll every minute: perfectly regular, and used by many workloads
                every(pod, 60, 0.02, t -> add(t, pod, "ingest.telemetry-vendor.example", "203.0.113.90", 443, 1_200));
            }
        }
        for (Pod pod : cluster.workload("telemetry-agent").pods()) {
            every(pod, 60, 0.02, t -> add(t, pod, "dc.services.visualstudio.com", "203.0.113.95", 443, 2_500));
        }
        Pod reports = cluster.workload("reports-api").pods().get(0);
        requests(reports, 300, t -> add(t, reports, "upload.reports-saas.example", "203.0.113.70", 443,
                3_000_000 + random.nextInt(3_000_000)));
        for (Pod pod : cluster.workload("invoice-render").pods()) {
            requests(pod, 300, t -> add(t, pod, "api.pdfservice.example", "203.0.113.75", 443, 200_000));
        }
        Pod resizer = cluster.workload("image-resizer").pods().get(0);
        requests(resizer, 90, t -> add(t, resizer, "images.media-cdn.example", "203.0.113.80", 443, 900_000));
    }

    private void incidents() {
        // 1. beaconing: image-resizer calls home every 60 s with 20 % jitter from day 2, 09:00
        Pod resizer = cluster.workload("image-resizer").pods().get(0);
        for (long t = DemoCluster.DAY + 9 * 3600; t < end; t += jitter(60, 0.2)) {
            add(t, resizer, "cdn-sync.update-check.example", "192.0.2.80", 443, 600 + random.nextInt(200));
        }
        // 2. cryptomining: batch-worker (on an address invoice-render held until an hour before) resolves a pool
        //    through CoreDNS, then holds a stratum connection to the bare address, and another to a pool by SNI
        Pod miner = cluster.workload("batch-worker").pods().get(0);
        long minerStart = miner.startSecond() + 120;
        lookups.add(new Lookup(minerStart - 5, "pool.supportxmr.com", "198.51.100.66"));
        for (long t = minerStart; t < end; t += 300) {
            connections.add(new Connection(t, miner, null, "198.51.100.66", 3333, "TCP", 2_000 + random.nextInt(500),
                    1_500, true));
        }
        for (long t = minerStart + 600; t < end; t += 1800) {
            add(t, miner, "xmr-eu1.nanopool.org", "198.51.100.67", 443, 1_800);
        }
        // 3. exfiltration: reports-api sends 3 GB to a storage account on day 3, 15:00-15:30
        Pod reports = cluster.workload("reports-api").pods().get(0);
        for (long t = 2 * DemoCluster.DAY + 15 * 3600; t < 2 * DemoCluster.DAY + 15 * 3600 + 1800; t += 60) {
            add(t, reports, "exfil-drop.blob.core.windows.net", "198.51.100.200", 443, 100_000_000);
        }
        // 4. first-seen domain: payments-api, established for two days, reaches a paste site on day 3
        Pod payments = cluster.workload("payments-api").pods().get(0);
        for (int i = 0; i < 3; i++) {
            add(2 * DemoCluster.DAY + 14 * 3600 + i * 40L, payments, "drop.pastebin-clone.net", "198.51.100.30",
                    443, 25_000);
        }
    }

    private void every(Pod pod, long period, double jitter, java.util.function.LongConsumer action) {
        long t = pod.startSecond() + random.nextInt((int) period);
        while (t < Math.min(end, pod.endSecond())) {
            action.accept(t);
            t += jitter(period, jitter);
        }
    }

    /** Request-driven traffic: exponential gaps with the given mean, as user and job activity gives. */
    private void requests(Pod pod, long meanGap, java.util.function.LongConsumer action) {
        long t = pod.startSecond() + random.nextInt((int) meanGap);
        while (t < Math.min(end, pod.endSecond())) {
            action.accept(t);
            t += Math.max(1, Math.round(-meanGap * Math.log(1 - random.nextDouble())));
        }
    }

    private long jitter(long period, double fraction) {
        return Math.max(1, Math.round(period * (1 + fraction * (2 * random.nextDouble() - 1))));
    }

    private void add(long second, Pod pod, String fqdn, String ip, int port, long bytesOut) {
        if (second >= end || second < pod.startSecond() || second >= pod.endSecond()) {
            return;
        }
        connections.add(new Connection(second, pod, fqdn, ip, port, "TCP", bytesOut, Math.max(400, bytesOut / 20),
                false));
    }
}
