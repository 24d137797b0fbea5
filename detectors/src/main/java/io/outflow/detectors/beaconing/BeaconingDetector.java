package io.outflow.detectors.beaconing;

import io.outflow.config.ConfigNode;
import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.AlertBuilder;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.alert.IdentitySnapshot;
import io.outflow.detectors.alert.MitreTechnique;
import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.alert.RawRowsQuery;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.Severity;
import io.outflow.schemas.WorkloadIdentity;
import io.outflow.schemas.net.IpAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code beaconing}: regular connections from a workload (node, source address) to one destination, the rhythm of a
 * command-and-control implant checking in. MITRE T1071 / T1573.
 *
 * <p>Keyed per source ({@link SourceEntity#key()}), because a connection seen by the firewall (which names the host)
 * and by flow logs (which name the address) is one connection only when both land in one state: the shared
 * {@link io.outflow.detectors.connection.ConnectionLedger} merges them and counts the connection once at its earliest
 * event. Each settled connection goes to its destination's {@link PairHistory} (registered domain, else address);
 * alerts are per (source, destination), entity {@code workload->destination}.
 *
 * <p>Time: every {@code evaluationInterval} boundary (epoch-aligned) the watermark passes, the ledger hands over the
 * connections it has settled, history older than the window is dropped, and each destination that gained connections
 * is scored ({@link BeaconScorer}) if it has at least {@code minConnections} in the window (one whose timing was
 * clearly irregular at its last score waits a bin before the next). It alerts when it has at least
 * {@code minConnections} check-ins (connections of one burst count once), the timing
 * score reaches {@code minTiming} and the weighted score reaches {@code alertScore}. While a beacon goes on, its alert
 * is revised at most every {@code revisionInterval} (same alertId within the cooldown).
 *
 * <p>How many other workloads use the destination is the prevalence stage's part
 * ({@link io.outflow.detectors.prevalence.DestinationPrevalence}): it adds {@code prevalence} to the evidence and damps
 * alerts about common destinations.
 *
 * <p>What is left out: inbound flows, flows to pods of the cluster, and (unless {@code includePrivateDestinations})
 * nameless connections to private, loopback and link-local addresses.
 */
public final class BeaconingDetector implements Detector<BeaconingState> {
    public static final DetectorId ID = new DetectorId("beaconing", "1");
    /**
     * A pair whose timing score was this far below the gate when last scored is scored again only after a bin (an
     * hour by default): random traffic stays random, and scoring every busy destination every 15 minutes is most of
     * the detector's cost. Regular pairs near or over the gate are scored at every evaluation.
     */
    static final double CLEARLY_IRREGULAR = 0.2;

    private final BeaconingSettings settings;
    private final AlertContext context;
    private final BeaconScorer scorer;
    private final BeaconingStateCodec codec;
    private final long interval;
    private final long window;
    private final long binWidth;

    public BeaconingDetector(BeaconingSettings settings, AlertContext context) {
        this.settings = settings;
        this.context = context;
        this.scorer = new BeaconScorer(settings);
        this.codec = new BeaconingStateCodec(settings);
        this.interval = settings.evaluationInterval().toMillis();
        this.window = settings.window().toMillis();
        this.binWidth = settings.binWidth().toMillis();
    }

    @Override
    public DetectorId id() {
        return ID;
    }

    public BeaconingSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        FlowEvent e = flow.getFlow();
        if (!Connection.counts(e) || e.getDirection() == Direction.inbound) {
            return Optional.empty();
        }
        WorkloadIdentity destination = flow.getDestination();
        if (destination != null && destination.getAttribution() == Attribution.pod) {
            return Optional.empty();
        }
        if (e.getDestinationFqdn() == null && (e.getDestinationIp() == null
                || (!settings.includePrivateDestinations() && isPrivate(e.getDestinationIp())))) {
            return Optional.empty();
        }
        return Optional.of(SourceEntity.of(flow).key());
    }

    @Override
    public BeaconingState absorb(BeaconingState stateOrNull, EnrichedFlow flow) {
        BeaconingState state = stateOrNull != null ? stateOrNull : codec.empty();
        FlowEvent e = flow.getFlow();
        if (!state.seen.add(e.getEventId(), e.getTime())) {
            return state;
        }
        if (state.entity == null) {
            state.entity = SourceEntity.of(flow).id();
        }
        long t = e.getTime().toEpochMilli();
        if (!state.evaluated) {
            // before the first evaluation the cursor follows the earliest flow, whatever arrived first
            state.cursor = Math.min(state.cursor, Math.floorDiv(t, interval) * interval);
        }
        state.ledger.absorb(e);
        state.identities.add(flow);
        return state;
    }

    @Override
    public Outcome<BeaconingState> advance(BeaconingState state, Instant watermark) {
        long w = watermark.toEpochMilli();
        List<Alert> alerts = new ArrayList<>();
        while (state.cursor != Long.MAX_VALUE && state.cursor + interval <= w) {
            long d = state.cursor + interval;
            evaluate(state, d, alerts);
            state.cursor = d;
            state.evaluated = true;
            if (state.pairs.isEmpty() && state.ledger.isEmpty()) {
                state.cursor = Math.max(state.cursor, Math.floorDiv(w, interval) * interval);
            }
        }
        state.seen.forgetBefore(watermark);
        // a finding not presented yet starts at or after the next evaluation's window start
        state.alerts.expire(Instant.ofEpochMilli(state.cursor == Long.MAX_VALUE ? w : state.cursor + interval - window),
                settings.cooldown());
        state.lastEmitted.keySet().removeIf(entity -> state.alerts.get(entity).isEmpty());
        if (state.pairs.isEmpty() && state.ledger.isEmpty() && state.alerts.isEmpty()) {
            return new Outcome<>(null, alerts);
        }
        return new Outcome<>(state, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(BeaconingState state) {
        long next = Long.MAX_VALUE;
        if (state.cursor != Long.MAX_VALUE && (!state.pairs.isEmpty() || !state.ledger.isEmpty())) {
            next = state.cursor + interval;
        }
        Optional<Instant> expiry = state.alerts.nextExpiry(settings.cooldown());
        if (expiry.isPresent()) {
            // the horizon (next boundary − window) passes the expiry at the first boundary after expiry + window
            long after = expiry.get().toEpochMilli() + window;
            next = Math.min(next, (Math.floorDiv(after, interval) + 1) * interval);
        }
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    @Override
    public StateCodec<BeaconingState> stateCodec() {
        return codec;
    }

    private void evaluate(BeaconingState state, long d, List<Alert> alerts) {
        long from = d - window;
        for (Connection c : state.ledger.drainClosed(Instant.ofEpochMilli(d))) {
            fold(state, c, from);
        }
        Iterator<Map.Entry<String, PairHistory>> it = state.pairs.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().expireBefore(from, binWidth)) {
                it.remove();
            }
        }
        state.identities.expireBefore(from);
        for (Map.Entry<String, PairHistory> entry : state.pairs.entrySet()) {
            PairHistory pair = entry.getValue();
            if (pair.fresh == 0) {
                continue;
            }
            if (pair.judgedTiming < settings.minTiming() - CLEARLY_IRREGULAR && pair.judgedAt != Long.MIN_VALUE
                    && d - pair.judgedAt < binWidth) {
                continue; // irregular when last scored: look again when a bin has passed (fresh stays counted)
            }
            pair.fresh = 0;
            judge(state, entry.getKey(), pair, d, alerts);
        }
    }

    private void fold(BeaconingState state, Connection c, long from) {
        long t = c.first().toEpochMilli();
        if (t < from) {
            return;
        }
        String destination = null;
        if (c.destinationFqdn() != null) {
            destination = RegisteredDomains.of(c.destinationFqdn()).orElse(c.destinationFqdn());
        } else if (c.destinationIp() != null) {
            if (!settings.includePrivateDestinations() && isPrivate(c.destinationIp())) {
                return;
            }
            destination = c.destinationIp();
        }
        if (destination == null) {
            return;
        }
        PairHistory pair = state.pairs.get(destination);
        if (pair == null) {
            if (state.pairs.size() >= settings.maxDestinationsPerKey()) {
                evictLeastRecent(state);
            }
            pair = new PairHistory();
            state.pairs.put(destination, pair);
        }
        Long bytes = c.flowSeen() && c.bytesOut() > 0 ? c.bytesOut() : null;
        pair.add(t, c.sourceIp(), settings.maxSourcesPerPair(), settings.maxConnectionsPerPair(), binWidth, bytes,
                c.destinationFqdn(), c.destinationIp(), c.destinationPort(), c.protocol(), c.resourceId(),
                c.categories(), c.sampleEventIds().isEmpty() ? null : c.sampleEventIds().get(0));
        state.connections++;
    }

    /**
     * Private, loopback, link-local, carrier-grade NAT or unique-local: traffic that stays inside the VNet (services,
     * databases, the API server) and polls all day by design.
     */
    private static boolean isPrivate(String ip) {
        IpAddress address = IpAddress.parse(ip);
        return address != null && address.isInternal();
    }

    private static void evictLeastRecent(BeaconingState state) {
        String victim = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, PairHistory> e : state.pairs.entrySet()) {
            if (e.getValue().latest < oldest) {
                oldest = e.getValue().latest;
                victim = e.getKey();
            }
        }
        state.pairs.remove(victim);
        state.evictedDestinations++;
    }

    private void judge(BeaconingState state, String destination, PairHistory pair, long d, List<Alert> alerts) {
        long from = d - window;
        int connections = pair.countFrom(Math.floorDiv(from, binWidth));
        if (connections < settings.minConnections() || pair.n < 4) {
            return;
        }
        String alertEntity = state.entity + SourceEntity.DESTINATION_SEPARATOR + destination;
        Optional<OpenAlert> open = state.alerts.get(alertEntity);
        Long emitted = state.lastEmitted.get(alertEntity);
        if (open.isPresent() && emitted != null && d - emitted < settings.revisionInterval().toMillis()) {
            return; // revised recently: not worth a score now
        }
        long endBin = Math.floorDiv(d, binWidth);
        int[] bins = pair.binCounts(endBin, settings.bins());
        BeaconScore score = scorer.score(pair.times, pair.sources, pair.n, pair.sizes, pair.sizeCount, bins, from, d,
                connections);
        pair.judgedAt = d;
        pair.judgedTiming = score.timing();
        if (score.checkIns() < settings.minConnections() || score.merged().count() < BeaconScorer.MIN_SAMPLES
                || score.timing() < settings.minTiming() || score.score() < settings.alertScore()) {
            return; // bursts count once: minConnections applies to check-ins
        }
        long first = pair.times[0];
        Instant start = Instant.ofEpochMilli(Math.min(first, firstBinStart(pair, from)));
        OpenAlert revision = state.alerts.record(alertEntity, start, Instant.ofEpochMilli(d), settings.cooldown());
        state.lastEmitted.put(alertEntity, d);
        IdentitySnapshot identity = state.identities.at(pair.latestSource, pair.latest);
        if (identity == null) {
            identity = new IdentitySnapshot(null, null, null, null, null, null, Attribution.unknown, null,
                    pair.latestSource, Instant.ofEpochMilli(pair.latest), "");
        }
        alerts.add(alert(alertEntity, destination, pair, score, revision, identity, from, d));
    }

    private long firstBinStart(PairHistory pair, long from) {
        if (pair.bins.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(from, pair.bins.firstKey() * binWidth);
    }

    private Alert alert(String alertEntity, String destination, PairHistory pair, BeaconScore s, OpenAlert revision,
                        IdentitySnapshot identity, long from, long d) {
        Severity severity = s.score() >= settings.highScore() ? Severity.high
                : s.score() >= settings.mediumScore() ? Severity.medium : Severity.low;
        double period = switch (s.timingSource()) {
            case "perSource" -> s.perSource().median();
            case "periodicity" -> s.periodicity().periodSeconds();
            default -> s.merged().median();
        };
        TreeSet<String> sources = pair.sourceNames();
        sources.remove(PairHistory.OTHER_SOURCES);
        sources.remove("");
        Instant firstTime = Instant.ofEpochMilli(pair.times[0]);
        Instant lastTime = Instant.ofEpochMilli(pair.latest);
        Evidence timing = Evidence.create()
                .put("score", s.timing())
                .put("from", s.timingSource())
                .put("merged", dispersion(s.merged()))
                .put("perSource", s.perSource() == null ? null : dispersion(s.perSource()))
                .put("periodicity", Evidence.create().put("score", s.periodicity().score())
                        .put("candidateSeconds", s.periodicity().candidateSeconds())
                        .put("periodSeconds", s.periodicity().periodSeconds())
                        .put("eligible", s.periodicity().eligible()).put("successors", s.periodicity().successors())
                        .put("expectedByChance", s.periodicity().expected()).put("sigma", s.periodicity().sigma())
                        .put("tolerance", settings.jitterTolerance()).put("z", settings.periodicityZ()));
        Evidence evidence = Evidence.create()
                .put("destination", destination)
                .put("score", s.score())
                .put("periodSeconds", period)
                .put("connections", s.connections())
                .put("checkIns", s.checkIns())
                .put("sources", s.sources())
                .put("sourceIps", List.copyOf(sources))
                .put("window", Evidence.create().put("start", Instant.ofEpochMilli(from))
                        .put("end", Instant.ofEpochMilli(d)).put("length", ConfigNode.format(settings.window()))
                        .put("binWidth", ConfigNode.format(settings.binWidth())))
                .put("timing", timing)
                .put("dataSize", s.dataSize() == null ? Evidence.create().put("samples", pair.sizeCount)
                        .put("note", "fewer than 3 byte-carrying connections: left out of the score")
                        : dispersion(s.dataSize()))
                .put("histogram", Evidence.create().put("score", s.shape().histogramScore())
                        .put("flatness", s.shape().flatness()).put("bimodal", s.shape().bimodal())
                        .put("bins", s.shape().bins()).put("nonEmptyBins", s.shape().nonEmptyBins()))
                .put("duration", Evidence.create().put("score", s.shape().durationScore())
                        .put("coverage", s.shape().coverage()).put("consistency", s.shape().consistency())
                        .put("longestRunBins", s.shape().longestRun()))
                .put("weights", Evidence.create().put("timing", settings.timingWeight())
                        .put("dataSize", settings.dataSizeWeight()).put("histogram", settings.histogramWeight())
                        .put("duration", settings.durationWeight()).put("used", s.weights()))
                .put("thresholds", Evidence.create().put("minConnections", settings.minConnections())
                        .put("minTiming", settings.minTiming()).put("alertScore", settings.alertScore()))
                .events(firstTime, lastTime, s.connections(), pair.sample.values())
                .resourceId(pair.resourceId);
        RawRowsQuery kql = RawRowsQuery.create().categories(pair.categories).sourceIps(sources)
                .between(firstTime, lastTime).destinationPort(pair.port < 0 ? null : pair.port);
        if (pair.fqdn != null) {
            kql.destinationFqdn(destination);
        } else {
            kql.destinationIp(pair.ip);
        }
        evidence.kql(kql.build());
        String title = String.format(Locale.ROOT, "Beaconing: %s to %s about every %s (%d connections, score %.2f)",
                sourceOf(alertEntity), destination, seconds(period),
                s.connections(), s.score());
        String description = String.format(Locale.ROOT, "%d connections in the last %s went to %s at regular "
                + "intervals (median %s; timing %.2f from the %s view, data size %s, histogram %s, duration %.2f). "
                + "Regular check-ins are how command-and-control implants poll for tasks; a legitimate poller (an "
                + "agent, a health check) looks the same and can be allowlisted.", s.connections(),
                ConfigNode.format(settings.window()), destination, seconds(period), s.timing(), s.timingSource(),
                s.dataSize() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", s.dataSize().score()),
                Double.isNaN(s.shape().histogramScore()) ? "n/a"
                        : String.format(Locale.ROOT, "%.2f", s.shape().histogramScore()),
                s.shape().durationScore());
        return new AlertBuilder(ID, context)
                .identity(identity)
                .entity(alertEntity)
                .revision(revision)
                .severity(severity)
                .score(s.score())
                .title(title)
                .description(description)
                .destination(pair.ip, pair.fqdn, pair.port < 0 ? null : pair.port, pair.protocol)
                .evidence(evidence)
                .techniques(MitreTechnique.T1071, MitreTechnique.T1573)
                .build();
    }

    private static String sourceOf(String alertEntity) {
        int at = alertEntity.indexOf(SourceEntity.DESTINATION_SEPARATOR);
        return at < 0 ? alertEntity : alertEntity.substring(0, at);
    }

    private static Evidence dispersion(Dispersion d) {
        return Evidence.create().put("count", d.count()).put("q1", d.q1()).put("median", d.median()).put("q3", d.q3())
                .put("mad", d.mad()).put("bowleySkew", d.skew()).put("skewScore", d.skewScore())
                .put("madScore", d.madScore()).put("score", d.score());
    }

    private static String seconds(double s) {
        if (s >= 90 * 60) {
            return String.format(Locale.ROOT, "%.1f h", s / 3600);
        }
        if (s >= 90) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }
}
