package io.outflow.detectors.bandwidth;

import io.outflow.config.ConfigNode;
import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorId;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.AlertBuilder;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.alert.MitreTechnique;
import io.outflow.detectors.alert.OpenAlert;
import io.outflow.detectors.alert.RawRowsQuery;
import io.outflow.detectors.connection.Connection;
import io.outflow.detectors.dedup.SeenEvents;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.FlowState;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bandwidth_spike}: bytes a workload (node, source address) sends in a window, against its own robust
 * baseline with a daily profile ({@link SpikeBaseline}). MITRE T1048 / T1567.
 *
 * <p>What counts: {@code bytesOut} of flow-log tuples in state C or E (bytes since the previous tuple; B carries none)
 * and of Hubble flows that carry bytes; never firewall records (they carry none, and the same connection is in the
 * flow log), never inbound flows. Each eventId counts once ({@link SeenEvents}).
 *
 * <p>Time: windows are tumbling, aligned to the epoch; a window closes when the watermark reaches its end. Closing
 * computes the baseline from the key's history (windows closed before it), decides, then adds the window to the
 * history, so a spike never raises its own bar. A key alerts only after {@code warmUp} of traffic. Alerts within the
 * cooldown of the previous one revise it (a transfer spanning several windows is one alert). A key with no flows for
 * {@code idleTtl} and no open alert is forgotten.
 */
public final class BandwidthSpikeDetector implements Detector<BandwidthState> {
    public static final DetectorId ID = new DetectorId("bandwidth_spike", "1");
    static final int SEEN_CAPACITY = SeenEvents.DEFAULT_CAPACITY;

    private final BandwidthSpikeSettings settings;
    private final AlertContext context;
    private final long window;
    private final BandwidthStateCodec codec;

    public BandwidthSpikeDetector(BandwidthSpikeSettings settings, AlertContext context) {
        this.settings = settings;
        this.context = context;
        this.window = settings.window().toMillis();
        this.codec = new BandwidthStateCodec(settings);
    }

    @Override
    public DetectorId id() {
        return ID;
    }

    public BandwidthSpikeSettings settings() {
        return settings;
    }

    /** Whether an event's bytes count: C/E flow tuples and Hubble flows with bytes out, not inbound. */
    public static boolean countsBytes(FlowEvent e) {
        Long bytes = e.getBytesOut();
        if (bytes == null || bytes <= 0 || e.getDirection() == Direction.inbound || !Connection.carriesBytes(e)) {
            return false;
        }
        if (e.getKind() == FlowKind.flow_summary) {
            return e.getFlowState() == FlowState.continuing || e.getFlowState() == FlowState.end;
        }
        return true;
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        if (!settings.enabled() || !countsBytes(flow.getFlow())) {
            return Optional.empty();
        }
        return Optional.of(SourceEntity.of(flow).key());
    }

    @Override
    public BandwidthState absorb(BandwidthState stateOrNull, EnrichedFlow flow) {
        BandwidthState state = stateOrNull != null ? stateOrNull : codec.empty();
        FlowEvent e = flow.getFlow();
        if (!state.seen.add(e.getEventId(), e.getTime())) {
            return state;
        }
        long t = e.getTime().toEpochMilli();
        long start = Math.floorDiv(t, window) * window;
        state.open.computeIfAbsent(start, k -> new ByteWindow()).add(flow, e.getBytesOut(),
                settings.maxDestinationsPerWindow());
        if (state.entity == null) {
            state.entity = SourceEntity.of(flow).id();
        }
        state.firstSeen = Math.min(state.firstSeen, t);
        state.lastSeen = Math.max(state.lastSeen, t);
        state.flows++;
        return state;
    }

    @Override
    public Outcome<BandwidthState> advance(BandwidthState state, Instant watermark) {
        long w = watermark.toEpochMilli();
        List<Alert> alerts = new ArrayList<>();
        while (!state.open.isEmpty() && state.open.firstKey() + window <= w) {
            Map.Entry<Long, ByteWindow> first = state.open.pollFirstEntry();
            close(state, first.getKey(), first.getValue(), alerts);
        }
        state.seen.forgetBefore(watermark);
        // forget the open alert only once no finding can revise it: any window not closed yet starts at or after the
        // start of the window holding the watermark
        long horizon = Math.floorDiv(w, window) * window;
        if (state.alert != null && state.alert.closesAt(settings.cooldown()).toEpochMilli() < horizon) {
            state.alert = null;
        }
        if (state.open.isEmpty() && state.alert == null && state.lastSeen + settings.idleTtl().toMillis() <= w) {
            return new Outcome<>(null, alerts);
        }
        return new Outcome<>(state, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(BandwidthState state) {
        long next = Long.MAX_VALUE;
        if (!state.open.isEmpty()) {
            next = state.open.firstKey() + window;
        } else {
            next = state.lastSeen + settings.idleTtl().toMillis();
        }
        if (state.alert != null) {
            // the horizon passes closesAt once the watermark reaches the window after it
            long closes = state.alert.closesAt(settings.cooldown()).toEpochMilli();
            next = Math.min(next, (Math.floorDiv(closes, window) + 1) * window);
        }
        return Optional.of(Instant.ofEpochMilli(next));
    }

    @Override
    public StateCodec<BandwidthState> stateCodec() {
        return codec;
    }

    private void close(BandwidthState state, long start, ByteWindow bytes, List<Alert> alerts) {
        long index = Math.floorDiv(start, window);
        ZonedDateTime local = Instant.ofEpochMilli(start).atZone(settings.timeZone());
        long localDay = local.toLocalDate().toEpochDay();
        int localHour = local.getHour();
        long[] recent = state.history.recentBefore(index);
        long[] seasonal = settings.seasonalDays() > 0
                ? state.history.seasonalPeak(localDay, localHour, settings.seasonalNeighbourHours())
                : new long[] {0, 0};
        SpikeBaseline baseline = SpikeBaseline.of(recent, seasonal, settings);
        long observed = start - state.firstSeen;
        boolean warm = observed >= settings.warmUp().toMillis();
        if (warm && bytes.bytes > baseline.threshold()) {
            Instant from = Instant.ofEpochMilli(start);
            Instant to = Instant.ofEpochMilli(start + window);
            state.alert = OpenAlert.next(state.alert, from, to, settings.cooldown());
            alerts.add(alert(state, from, bytes, baseline, localHour, observed));
        }
        state.history.record(index, bytes.bytes, localDay, localHour);
    }

    private Alert alert(BandwidthState state, Instant windowStart, ByteWindow bytes, SpikeBaseline baseline,
                        int localHour, long observed) {
        double ratio = bytes.bytes / baseline.threshold();
        double score = baseline.score(bytes.bytes);
        Severity severity = ratio >= settings.highRatio() ? Severity.high
                : ratio >= settings.mediumRatio() ? Severity.medium : Severity.low;
        List<Map.Entry<String, Long>> top = bytes.top(settings.topDestinations());
        List<Evidence> destinations = new ArrayList<>();
        for (Map.Entry<String, Long> d : top) {
            destinations.add(Evidence.create().put("destination", d.getKey()).put("bytes", d.getValue())
                    .put("share", (double) d.getValue() / bytes.bytes));
        }
        String entity = state.entity;
        Evidence evidence = Evidence.create()
                .put("bytesOut", bytes.bytes)
                .put("thresholdBytes", Math.round(baseline.threshold()))
                .put("ratio", ratio)
                .put("bindingBar", baseline.bindingBar())
                .put("window", Evidence.create().put("start", windowStart)
                        .put("end", windowStart.plusMillis(window)).put("length", settings.window().toString()))
                .put("recent", Evidence.create().put("windows", baseline.recentWindows())
                        .put("medianBytes", baseline.median()).put("madBytes", baseline.mad())
                        .put("robustSigmaBytes", baseline.scale()).put("sigma", settings.sigma())
                        .put("relativeScaleFloor", settings.relativeScaleFloor()).put("barBytes", baseline.recentBar()))
                .put("seasonal", Evidence.create().put("timeZone", settings.timeZone().getId())
                        .put("localHour", localHour).put("neighbourHours", settings.seasonalNeighbourHours())
                        .put("daysSeen", baseline.seasonalDays()).put("peakBytes", baseline.seasonalPeak())
                        .put("headroom", settings.seasonalHeadroom()).put("barBytes", baseline.seasonalBar()))
                .put("floorBytes", baseline.floor())
                .put("warmUp", Evidence.create().put("firstSeen", Instant.ofEpochMilli(state.firstSeen))
                        .put("observedFor", Duration.ofMillis(observed).toString())
                        .put("required", settings.warmUp().toString()))
                .put("topDestinations", destinations)
                .put("destinationCount", bytes.destinations.size())
                .put("otherBytes", bytes.otherBytes)
                .put("pods", List.copyOf(bytes.pods))
                .put("sourceIps", List.copyOf(bytes.sourceIps))
                .events(bytes.firstInstant(), bytes.lastInstant(), bytes.events, bytes.eventIds)
                .resourceId(bytes.resourceIds.isEmpty() ? null : bytes.resourceIds.first())
                .kql(RawRowsQuery.create().categories(bytes.categories).sourceIps(bytes.sourceIps)
                        .between(bytes.firstInstant(), bytes.lastInstant()).build());
        Map.Entry<String, Long> main = top.isEmpty() ? null : top.get(0);
        boolean dominant = main != null && main.getValue() * 2 >= bytes.bytes;
        String leading = main == null ? "" : String.format(Locale.ROOT, "; %.0f%% to %s",
                100.0 * main.getValue() / bytes.bytes, main.getKey());
        String title = String.format(Locale.ROOT, "Outbound bytes spike: %s from %s in %s (%.1f× the usual)",
                human(bytes.bytes), entity, ConfigNode.format(settings.window()), ratio);
        String description = String.format(Locale.ROOT, "%s sent %s in the %s window starting %s, over a threshold of "
                + "%s (recent median %s, largest around this hour on earlier days %s, floor %s)%s.", entity,
                human(bytes.bytes), ConfigNode.format(settings.window()), windowStart, human((long)
                baseline.threshold()), human((long) baseline.median()), human(baseline.seasonalPeak()),
                human(baseline.floor()), leading);
        String ip = null;
        String fqdn = null;
        if (dominant && main.getKey().chars().anyMatch(Character::isLetter) && !main.getKey().contains(":")) {
            fqdn = main.getKey();
        } else if (dominant) {
            ip = main.getKey();
        }
        return new AlertBuilder(ID, context)
                .identity(bytes.identity)
                .entity(entity)
                .revision(state.alert)
                .severity(severity)
                .score(score)
                .title(title)
                .description(description)
                .destination(ip, fqdn, null, null)
                .evidence(evidence)
                .techniques(MitreTechnique.T1048, MitreTechnique.T1567)
                .build();
    }

    /** Bytes in B, KB, MB, GB (decimal), one decimal. */
    static String human(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
