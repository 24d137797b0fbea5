package io.outflow.detectors.cryptomining;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.AlertBuilder;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.alert.FlowEvidence;
import io.outflow.detectors.alert.MitreTechnique;
import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.schemas.Alert;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cryptomining: workloads talking to mining pools. Evidence, each with its score (settings), combined as
 * {@code 1 − Π(1 − s)}:
 * <ul>
 *   <li><b>pool domain</b>: the destination name (firewall FQDN, which for HTTPS is the TLS SNI) is a bundled, fed or
 *       configured pool domain or a name under one (suffix match on labels);</li>
 *   <li><b>stratum URL</b>: a logged URL starts with {@code stratum+tcp://}, {@code stratum+ssl://} (or the
 *       {@code stratum1+}/{@code stratum2+} variants);</li>
 *   <li><b>threat intelligence</b>: a threat-intel, IDPS or web-category text names mining;</li>
 *   <li><b>pool port</b> (weak): traffic to a bare address on a known pool port that is long-lived and low-rate
 *       (flow tuples or Hubble flows over at least {@code minPortActivity}, at most {@code maxPortBytesPerSecond});
 *       stronger when the cluster's DNS proxy resolved a pool name within {@code dnsCorrelationWindow} before it
 *       began or while it lasts. DNS proxy lookups come from CoreDNS: they are only ever this cluster-level
 *       corroboration, never an alert of their own.</li>
 * </ul>
 *
 * <p><b>Key.</b> One state per cluster, holding only flows that could be evidence ({@link #keyOf} drops the rest
 * cheaply): the DNS corroboration joins what CoreDNS resolved with what a workload connected to, which no per-workload
 * key could see. Within the state, evidence is kept per alert entity (workload, else node, else source address, plus
 * the destination: registered domain, else address), so replicas add evidence to one alert.
 *
 * <p><b>Time.</b> Evidence is gathered per window ({@code window}, aligned to the epoch) and judged when the watermark
 * passes the window's end, windows in order: nothing depends on arrival order. A window whose score reaches
 * {@code minScore} opens an alert or, within {@code cooldown}, revises it (at most every {@code revisionInterval}
 * unless a new kind of evidence appears). Severity: high from {@code highScore}, medium from {@code mediumScore}.
 * MITRE T1496 (Impact).
 */
public final class CryptominingDetector implements Detector<CryptominingState> {
    public static final DetectorId ID = new DetectorId(DetectorNames.CRYPTOMINING, "1");
    static final int POOL_DOMAIN = 1;
    static final int STRATUM_URL = 2;
    static final int THREAT_INTEL = 4;
    static final int POOL_PORT = 8;
    static final int POOL_PORT_WITH_LOOKUP = 16;
    private static final int MAX_LOOKUPS_PER_WINDOW = 256;
    private static final List<String> THREAT_FIELDS = List.of("threatDescription", "description", "signatureCategory",
            "webCategory");

    private final CryptominingSettings settings;
    private final MiningPools pools;
    private final AlertContext context;
    private final Set<Integer> poolPorts;
    private final long windowMillis;

    public CryptominingDetector(CryptominingSettings settings, MiningPools pools, AlertContext context) {
        this.settings = settings;
        this.pools = pools;
        this.context = context;
        this.poolPorts = new HashSet<>(settings.poolPorts());
        this.windowMillis = settings.window().toMillis();
    }

    @Override
    public DetectorId id() {
        return ID;
    }

    public CryptominingSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        FlowEvent e = flow.getFlow();
        FlowKind kind = e.getKind();
        if (kind == FlowKind.nat) {
            return Optional.empty();
        }
        String fqdn = e.getDestinationFqdn();
        if (kind == FlowKind.dns_query) {
            return pools.match(fqdn).isPresent() ? Optional.of(SourceEntity.clusterOf(flow)) : Optional.empty();
        }
        boolean interesting = (fqdn != null && pools.match(fqdn).isPresent()) || stratumUrl(e) != null
                || threatText(e) != null || bareOnPoolPort(e);
        return interesting ? Optional.of(SourceEntity.clusterOf(flow)) : Optional.empty();
    }

    @Override
    public CryptominingState absorb(CryptominingState stateOrNull, EnrichedFlow flow) {
        CryptominingState s = stateOrNull == null ? new CryptominingState() : stateOrNull;
        FlowEvent e = flow.getFlow();
        if (!s.seen.add(e.getEventId(), e.getTime())) {
            return s;
        }
        long time = e.getTime().toEpochMilli();
        CryptominingState.Window window = s.windows.computeIfAbsent(Math.floorDiv(time, windowMillis),
                w -> new CryptominingState.Window());
        if (e.getKind() == FlowKind.dns_query) {
            pools.match(e.getDestinationFqdn()).ifPresent(entry -> {
                window.lookupCount++;
                TreeSet<String> names = window.lookups.computeIfAbsent(time, t -> new TreeSet<>());
                names.add(MiningPools.normalise(e.getDestinationFqdn()));
                while (window.lookups.size() > MAX_LOOKUPS_PER_WINDOW) {
                    window.lookups.pollLastEntry();
                }
            });
            return s;
        }
        Optional<MiningPools.Entry> pool = pools.match(e.getDestinationFqdn());
        String destination;
        if (pool.isPresent()) {
            destination = flow.getRegisteredDomain() != null ? flow.getRegisteredDomain() : pool.get().domain();
        } else {
            destination = SourceEntity.destinationOf(flow);
        }
        if (destination == null) {
            destination = "unknown";
        }
        String entity = SourceEntity.of(flow).withDestination(destination);
        window.sightings.computeIfAbsent(entity, k -> new Sighting()).add(flow,
                pool.map(MiningPools.Entry::domain).orElse(null), pool.map(MiningPools.Entry::source).orElse(null),
                stratumUrl(e), threatText(e), bareOnPoolPort(e));
        return s;
    }

    @Override
    public Outcome<CryptominingState> advance(CryptominingState s, Instant watermark) {
        List<Alert> alerts = new ArrayList<>();
        while (!s.windows.isEmpty()) {
            long index = s.windows.firstKey();
            Instant start = Instant.ofEpochMilli(index * windowMillis);
            Instant end = start.plusMillis(windowMillis);
            if (end.isAfter(watermark)) {
                break;
            }
            judge(s, s.windows.pollFirstEntry().getValue(), start, end, alerts);
        }
        clean(s, watermark);
        return new Outcome<>(s.isEmpty() ? null : s, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(CryptominingState s) {
        Instant next = s.windows.isEmpty() ? null
                : Instant.ofEpochMilli((s.windows.firstKey() + 1) * windowMillis);
        if (s.cleanupAt != null && (next == null || s.cleanupAt.isBefore(next))) {
            next = s.cleanupAt;
        }
        return Optional.ofNullable(next);
    }

    @Override
    public StateCodec<CryptominingState> stateCodec() {
        return new CryptominingStateCodec();
    }

    /** Judges one closed window: corroborations, scores, alerts. Windows come in time order. */
    private void judge(CryptominingState s, CryptominingState.Window window, Instant start, Instant end,
                       List<Alert> alerts) {
        window.lookups.forEach((time, names) -> s.lookups.computeIfAbsent(time, t -> new TreeSet<>()).addAll(names));
        for (Map.Entry<String, Sighting> entry : window.sightings.entrySet()) {
            String entity = entry.getKey();
            Sighting sighting = entry.getValue();
            CryptominingState.Track track = s.tracks.computeIfAbsent(entity, k -> new CryptominingState.Track());
            if (sighting.flows.lastEventTime().isAfter(track.lastSeen)) {
                track.lastSeen = sighting.flows.lastEventTime();
            }
            Map<String, PortActivity> touched = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> traffic : sighting.portTraffic.entrySet()) {
                touched.put(traffic.getKey(), follow(s, track, traffic.getKey(), traffic.getValue(), end));
            }
            int kinds = kinds(sighting, touched);
            double score = score(kinds);
            if (score < settings.minScore()) {
                continue;
            }
            Optional<OpenAlert> open = s.open.get(entity);
            boolean continues = open.isPresent() && !start.isAfter(open.get().windowEnd().plus(settings.cooldown()));
            if (continues && track.cumulative != null && (kinds & ~track.emittedKinds) == 0
                    && end.isBefore(track.lastEmitted.plus(settings.revisionInterval()))) {
                s.open.extend(entity, end);
                track.cumulative.merge(sighting);
                continue;
            }
            OpenAlert revision = s.open.record(entity, start, end, settings.cooldown());
            if (revision.revision() == 1 || track.cumulative == null) {
                track.cumulative = sighting.copy();
                track.emittedKinds = 0;
            } else {
                track.cumulative.merge(sighting);
            }
            track.emittedKinds |= kinds;
            track.lastEmitted = end;
            alerts.add(alert(entity, revision, track, kinds, score, touched));
        }
        if (!s.tracks.isEmpty() && s.tracks.size() > settings.maxTracks()) {
            evictTracks(s);
        }
        s.lookups.headMap(end.minus(settings.dnsCorrelationWindow()).toEpochMilli()).clear();
    }

    /** Extends or starts the activity of one "address:port" with this window's traffic; looks for a pool lookup. */
    private PortActivity follow(CryptominingState s, CryptominingState.Track track, String addressPort, long[] traffic,
                                Instant windowEnd) {
        Instant first = Instant.ofEpochMilli(traffic[0]);
        Instant last = Instant.ofEpochMilli(traffic[1]);
        PortActivity activity = track.activities.get(addressPort);
        if (activity != null && !first.isAfter(activity.last.plus(settings.activityGap()))) {
            activity.last = last.isAfter(activity.last) ? last : activity.last;
            activity.bytes += traffic[2];
            activity.tuples += traffic[3];
        } else {
            activity = new PortActivity(first, last, traffic[2], traffic[3]);
            track.activities.put(addressPort, activity);
        }
        if (!activity.corroborated()) {
            long from = activity.start.minus(settings.dnsCorrelationWindow()).toEpochMilli();
            Map.Entry<Long, TreeSet<String>> lookup = s.lookups.ceilingEntry(from);
            if (lookup != null && lookup.getKey() < windowEnd.toEpochMilli()) {
                activity.lookupName = lookup.getValue().first();
                activity.lookupTime = Instant.ofEpochMilli(lookup.getKey());
            }
        }
        return activity;
    }

    private int kinds(Sighting sighting, Map<String, PortActivity> touched) {
        int kinds = 0;
        if (sighting.poolDomain != null) {
            kinds |= POOL_DOMAIN;
        }
        if (!sighting.stratumUrls.isEmpty()) {
            kinds |= STRATUM_URL;
        }
        if (!sighting.threatTexts.isEmpty()) {
            kinds |= THREAT_INTEL;
        }
        for (PortActivity activity : touched.values()) {
            if (activity.longLivedLowRate(settings)) {
                kinds |= activity.corroborated() ? POOL_PORT_WITH_LOOKUP : POOL_PORT;
            }
        }
        if ((kinds & POOL_PORT_WITH_LOOKUP) != 0) {
            kinds &= ~POOL_PORT;
        }
        return kinds;
    }

    private double score(int kinds) {
        double miss = 1;
        if ((kinds & POOL_DOMAIN) != 0) {
            miss *= 1 - settings.poolDomainScore();
        }
        if ((kinds & STRATUM_URL) != 0) {
            miss *= 1 - settings.stratumUrlScore();
        }
        if ((kinds & THREAT_INTEL) != 0) {
            miss *= 1 - settings.threatIntelScore();
        }
        if ((kinds & POOL_PORT_WITH_LOOKUP) != 0) {
            miss *= 1 - settings.portWithLookupScore();
        } else if ((kinds & POOL_PORT) != 0) {
            miss *= 1 - settings.portScore();
        }
        return 1 - miss;
    }

    private Alert alert(String entity, OpenAlert revision, CryptominingState.Track track, int kinds, double score,
                        Map<String, PortActivity> touched) {
        Sighting c = track.cumulative;
        FlowEvidence flows = c.flows;
        int arrow = entity.indexOf(SourceEntity.DESTINATION_SEPARATOR);
        String source = entity.substring(0, arrow);
        String destination = entity.substring(arrow + SourceEntity.DESTINATION_SEPARATOR.length());
        List<String> reasons = new ArrayList<>();
        Evidence components = Evidence.create();
        if ((kinds & POOL_DOMAIN) != 0) {
            reasons.add("connected to " + String.join(", ", flows.fqdns()) + ", under the mining-pool domain "
                    + c.poolDomain);
            components.put("poolDomain", settings.poolDomainScore());
        }
        if ((kinds & STRATUM_URL) != 0) {
            reasons.add("used the Stratum mining protocol (" + c.stratumUrls.first() + ")");
            components.put("stratumUrl", settings.stratumUrlScore());
        }
        if ((kinds & THREAT_INTEL) != 0) {
            reasons.add("threat intelligence names the destination as mining (" + c.threatTexts.first() + ")");
            components.put("threatIntel", settings.threatIntelScore());
        }
        List<Evidence> activities = new ArrayList<>();
        for (Map.Entry<String, PortActivity> entry : touched.entrySet()) {
            PortActivity a = entry.getValue();
            if (!a.longLivedLowRate(settings)) {
                continue;
            }
            activities.add(Evidence.create().put("destination", entry.getKey()).put("start", a.start)
                    .put("last", a.last).put("durationSeconds", a.duration().toSeconds()).put("bytes", a.bytes)
                    .put("bytesPerSecond", a.bytesPerSecond()).put("tuples", a.tuples)
                    .put("poolLookup", a.corroborated() ? Evidence.create().put("name", a.lookupName)
                            .put("time", a.lookupTime) : null));
            reasons.add("kept a " + minutes(a.duration()) + "-minute connection to " + entry.getKey()
                    + " (a mining-pool port) at " + Math.round(a.bytesPerSecond()) + " B/s"
                    + (a.corroborated() ? ", after the cluster resolved the pool name " + a.lookupName : ""));
        }
        if ((kinds & POOL_PORT_WITH_LOOKUP) != 0) {
            components.put("poolPortWithLookup", settings.portWithLookupScore());
        } else if ((kinds & POOL_PORT) != 0) {
            components.put("poolPort", settings.portScore());
        }
        Severity severity = score >= settings.highScore() ? Severity.high
                : score >= settings.mediumScore() ? Severity.medium : Severity.low;
        String firstFqdn = flows.firstFqdn();
        String firstIp = flows.firstDestinationIp();
        Integer firstPort = flows.firstPort();
        String kql = flows.rawRows().destinationFqdn(c.poolDomain != null ? c.poolDomain : firstFqdn)
                .destinationIp(c.poolDomain != null ? null : firstIp).destinationPort(c.poolDomain != null ? null
                        : firstPort).build();
        Evidence evidence = Evidence.create()
                .put("score", score).put("components", components)
                .put("poolDomain", c.poolDomain).put("poolListEntrySource", c.poolSource)
                .put("poolListVersion", pools.version())
                .put("destinationNames", flows.fqdns()).put("destinationAddresses", flows.destinationIps())
                .put("destinationPorts", flows.ports()).put("stratumUrls", c.stratumUrls)
                .put("threatIntel", c.threatTexts).put("poolPortActivities", activities.isEmpty() ? null : activities)
                .put("pods", flows.pods()).put("sourceIps", flows.sourceIps())
                .put("allowedEvents", c.allowed).put("deniedEvents", c.denied)
                .events(flows.firstEventTime(), flows.lastEventTime(), c.events, flows.sampleEventIds())
                .resourceId(flows.resourceId()).kql(kql);
        String blocked = c.allowed == 0 ? " The firewall denied every attempt: the miner is running but blocked." : "";
        return new AlertBuilder(ID, context).identity(flows.identity()).entity(entity).revision(revision)
                .severity(severity).score(score)
                .title("Cryptomining: " + source + " → " + destination)
                .description(source + " " + String.join("; ", reasons) + "." + blocked)
                .destination(firstIp, firstFqdn, firstPort, flows.firstProtocol())
                .evidence(evidence).techniques(MitreTechnique.T1496).build();
    }

    private void clean(CryptominingState s, Instant watermark) {
        Instant horizon = Instant.ofEpochMilli(Math.floorDiv(watermark.toEpochMilli(), windowMillis) * windowMillis);
        if (!s.windows.isEmpty()) {
            Instant pending = Instant.ofEpochMilli(s.windows.firstKey() * windowMillis);
            horizon = pending.isBefore(horizon) ? pending : horizon;
        }
        s.open.expire(horizon, settings.cooldown());
        Instant cleanup = s.open.nextExpiry(settings.cooldown()).orElse(null);
        Iterator<Map.Entry<String, CryptominingState.Track>> tracks = s.tracks.entrySet().iterator();
        while (tracks.hasNext()) {
            Map.Entry<String, CryptominingState.Track> entry = tracks.next();
            CryptominingState.Track track = entry.getValue();
            Iterator<PortActivity> activities = track.activities.values().iterator();
            while (activities.hasNext()) {
                Instant ends = activities.next().last.plus(settings.activityGap());
                if (ends.isBefore(horizon)) {
                    activities.remove();
                } else {
                    cleanup = earlier(cleanup, ends);
                }
            }
            if (s.open.get(entry.getKey()).isEmpty()) {
                track.cumulative = null;
                track.emittedKinds = 0;
                if (track.activities.isEmpty()) {
                    tracks.remove();
                }
            }
        }
        s.lookups.headMap(horizon.minus(settings.dnsCorrelationWindow()).toEpochMilli()).clear();
        if (!s.lookups.isEmpty()) {
            cleanup = earlier(cleanup, Instant.ofEpochMilli(s.lookups.firstKey()).plus(settings.dnsCorrelationWindow()));
        }
        s.seen.forgetBefore(watermark);
        // an object due at time t goes once the horizon (a window start) passes t: the window after t's has started
        s.cleanupAt = cleanup == null ? null
                : Instant.ofEpochMilli((Math.floorDiv(cleanup.toEpochMilli(), windowMillis) + 1) * windowMillis + 1);
    }

    private void evictTracks(CryptominingState s) {
        while (s.tracks.size() > settings.maxTracks()) {
            String oldest = null;
            Instant oldestSeen = null;
            for (Map.Entry<String, CryptominingState.Track> entry : s.tracks.entrySet()) {
                if (s.open.get(entry.getKey()).isPresent()) {
                    continue;
                }
                if (oldestSeen == null || entry.getValue().lastSeen.isBefore(oldestSeen)) {
                    oldest = entry.getKey();
                    oldestSeen = entry.getValue().lastSeen;
                }
            }
            if (oldest == null) {
                return;
            }
            s.tracks.remove(oldest);
        }
    }

    private boolean bareOnPoolPort(FlowEvent e) {
        return e.getDestinationFqdn() == null && e.getDestinationIp() != null && e.getDestinationPort() != null
                && poolPorts.contains(e.getDestinationPort())
                && (e.getKind() == FlowKind.connection || e.getKind() == FlowKind.flow_summary);
    }

    static String stratumUrl(FlowEvent e) {
        String url = e.getExtras() == null ? null : e.getExtras().get("url");
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("stratum+") || lower.startsWith("stratum1+") || lower.startsWith("stratum2+")
                ? url : null;
    }

    private String threatText(FlowEvent e) {
        if (e.getExtras() == null || e.getExtras().isEmpty()) {
            return null;
        }
        for (String field : THREAT_FIELDS) {
            String text = e.getExtras().get(field);
            if (text == null) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (String keyword : settings.threatKeywords()) {
                if (lower.contains(keyword)) {
                    return text;
                }
            }
        }
        return null;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static long minutes(Duration d) {
        return d.toMinutes();
    }
}
