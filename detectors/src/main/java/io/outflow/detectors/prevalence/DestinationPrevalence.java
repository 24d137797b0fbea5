package io.outflow.detectors.prevalence;

import io.outflow.config.ConfigNode;
import io.outflow.detectors.Outcome;
import io.outflow.detectors.StateCodec;
import io.outflow.detectors.alert.Evidence;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.entity.SourceEntity;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Severity;
import io.outflow.schemas.WorkloadIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The second keyed stage, per (cluster, destination): how many sources of the cluster contacted a destination, and
 * the damping of alerts about destinations that many of them use. A destination is a registered domain, else a
 * name, else an address: what {@code beaconing} and {@code new_fqdn} call one. "Damped, not hidden": an alert about a
 * common destination still leaves, with a lower severity and score and the counts that made it common.
 *
 * <p><b>Rule, in event time.</b> Every outbound connection or flow of a source (not DNS, not NAT, not to a pod of the
 * cluster) marks the hour it happened in for its (cluster, destination, source). An alert of one of the configured
 * detectors is held until the watermark reaches the start of the hour of its {@code windowEnd} (at that point no
 * on-time flow can change the count) and then judged: its <i>prevalence</i> is the number of other sources that
 * contacted the destination in the {@code window} of whole hours before that hour. At {@code commonAt} or more the
 * destination is common: the alert's severity is capped at {@code commonSeverity} (informational by default: in the
 * table and in hunting queries, no incident on its own) and its score is multiplied by {@code scoreFactor}. Either way
 * its evidence gains a {@code prevalence} object. Only destinations common in the hours <i>before</i> count: the first
 * sources to contact a new destination always alert at full severity.
 *
 * <p>The count is a function of the set of on-time flows and the alert alone, so engines agree: an alert's windowEnd
 * is never before the watermark that made its detector emit it, hence never before the hour the stage can still
 * count. Hours are kept for {@code window} + {@value #SLACK_HOURS} hours behind the watermark (never less than a held
 * alert needs), so memory per destination is bounded by its sources times that many hours.
 *
 * <p>Engines run it like a detector with two inputs: the {@link Contact}s of on-time flows ({@link #contactOf},
 * {@link #absorb}), and alerts by {@link #keyOf(Alert)} ({@link #hold}; an alert without a key passes on unchanged);
 * {@link #advance} when the watermark reaches {@link #nextDeadline}. The alert review (allowlists, suppressions, severity overrides) comes
 * after this stage, so an analyst's override has the last word.
 */
public final class DestinationPrevalence {
    /** Hours kept beyond the window, for alerts emitted after the watermark moved on. */
    static final int SLACK_HOURS = 6;
    private static final long HOUR = 3_600_000L;

    private final PrevalenceSettings settings;
    private final int windowHours;
    private final PrevalenceStateCodec codec = new PrevalenceStateCodec();

    public DestinationPrevalence(PrevalenceSettings settings) {
        this.settings = settings;
        this.windowHours = settings.windowHours();
    }

    public PrevalenceSettings settings() {
        return settings;
    }

    /** The stage's key of a flow ({@code cluster|destination}), or empty when the flow is no contact. */
    public Optional<String> keyOf(EnrichedFlow flow) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        FlowEvent e = flow.getFlow();
        FlowKind kind = e.getKind();
        if (kind == FlowKind.dns_query || kind == FlowKind.nat || e.getDirection() == Direction.inbound) {
            return Optional.empty();
        }
        WorkloadIdentity destination = flow.getDestination();
        if (destination != null && destination.getAttribution() == Attribution.pod) {
            return Optional.empty();
        }
        String name = destinationOf(flow.getRegisteredDomain(), e.getDestinationFqdn(), e.getDestinationIp());
        return name == null ? Optional.empty() : Optional.of(SourceEntity.clusterOf(flow) + "|" + name);
    }

    /** The stage's key of an alert, or empty when the alert passes on unchanged. */
    public Optional<String> keyOf(Alert alert) {
        if (!settings.enabled() || !settings.detectors().contains(alert.getDetector())) {
            return Optional.empty();
        }
        String name = destinationOf(alert);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of((alert.getCluster() == null ? "" : alert.getCluster()) + "|" + name);
    }

    private static String destinationOf(Alert alert) {
        String fqdn = alert.getDestinationFqdn();
        return destinationOf(fqdn == null ? null : RegisteredDomains.of(fqdn).orElse(null), fqdn,
                alert.getDestinationIp());
    }

    /** The contact a flow makes (its key, source and hour), or empty when the flow is no contact. */
    public Optional<Contact> contactOf(EnrichedFlow flow) {
        return keyOf(flow).map(key -> new Contact(key, SourceEntity.of(flow).id(),
                (int) Math.floorDiv(flow.getFlow().getTime().toEpochMilli(), HOUR)));
    }

    /** Marks the contact's hour for its source (of the contact's key); repeating a contact changes nothing. */
    public PrevalenceState absorb(PrevalenceState stateOrNull, Contact contact) {
        PrevalenceState state = stateOrNull == null ? new PrevalenceState() : stateOrNull;
        state.sources.computeIfAbsent(contact.source(), k -> new ContactHours()).add(contact.hour());
        return state;
    }

    /** Holds an alert until its count is final. */
    public PrevalenceState hold(PrevalenceState stateOrNull, Alert alert) {
        PrevalenceState state = stateOrNull == null ? new PrevalenceState() : stateOrNull;
        long readyAt = Math.floorDiv(alert.getWindowEnd().toEpochMilli(), HOUR) * HOUR;
        state.held.add(new PrevalenceState.Held(readyAt, alert));
        return state;
    }

    /** Releases the held alerts whose hour the watermark reached, judged, in release order; forgets old hours. */
    public Outcome<PrevalenceState> advance(PrevalenceState state, Instant watermark) {
        long w = watermark.toEpochMilli();
        List<Alert> released = new ArrayList<>();
        while (!state.held.isEmpty() && state.held.first().readyAt() <= w) {
            PrevalenceState.Held held = state.held.pollFirst();
            released.add(judge(state, held.alert(), (int) (held.readyAt() / HOUR)));
        }
        long horizon = Math.floorDiv(w, HOUR) - windowHours - SLACK_HOURS;
        if (!state.held.isEmpty()) {
            horizon = Math.min(horizon, state.held.first().readyAt() / HOUR - windowHours);
        }
        int cut = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, horizon));
        state.sources.values().removeIf(hours -> {
            hours.forgetBefore(cut);
            return hours.isEmpty();
        });
        return new Outcome<>(state.isEmpty() ? null : state, released);
    }

    /** The next release, or the next time an hour falls out of what is kept. */
    public Optional<Instant> nextDeadline(PrevalenceState state) {
        long next = Long.MAX_VALUE;
        if (!state.held.isEmpty()) {
            next = state.held.first().readyAt();
        }
        int earliest = Integer.MAX_VALUE;
        for (ContactHours hours : state.sources.values()) {
            earliest = Math.min(earliest, hours.first());
        }
        if (earliest != Integer.MAX_VALUE) {
            // the hour goes when floor(w / HOUR) − window − slack passes it
            next = Math.min(next, ((long) earliest + windowHours + SLACK_HOURS + 1) * HOUR);
        }
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    public StateCodec<PrevalenceState> stateCodec() {
        return codec;
    }

    private Alert judge(PrevalenceState state, Alert alert, int toHour) {
        int fromHour = toHour - windowHours;
        String own = SourceEntity.idOf(alert);
        int others = 0;
        List<String> samples = new ArrayList<>();
        for (Map.Entry<String, ContactHours> source : state.sources.entrySet()) {
            if (!source.getKey().equals(own) && source.getValue().anyIn(fromHour, toHour)) {
                others++;
                if (samples.size() < settings.maxSamples()) {
                    samples.add(source.getKey());
                }
            }
        }
        boolean common = others >= settings.commonAt();
        Evidence prevalence = Evidence.create()
                .put("otherSources", others)
                .put("sampleSources", samples)
                .put("window", Evidence.create().put("start", Instant.ofEpochMilli(fromHour * HOUR))
                        .put("end", Instant.ofEpochMilli(toHour * HOUR)).put("length", ConfigNode.format(
                                settings.window())))
                .put("commonAt", settings.commonAt())
                .put("common", common);
        if (!common) {
            return Alert.newBuilder(alert).setEvidence(Evidence.withField(alert.getEvidence(), "prevalence",
                    prevalence)).build();
        }
        Severity severity = settings.damp(alert.getSeverity());
        double score = Math.round(alert.getScore() * settings.scoreFactor() * 1e4) / 1e4;
        prevalence.put("damping", Evidence.create()
                .put("scoreBefore", alert.getScore()).put("severityBefore", alert.getSeverity().name())
                .put("scoreFactor", settings.scoreFactor()).put("commonSeverity", settings.commonSeverity().name()));
        String destination = destinationOf(alert);
        String note = String.format(Locale.ROOT, " Damped to %s: %d other %s of the cluster contacted %s in the %d "
                        + "%s before (common from %d), which is what a shared service looks like.", severity, others,
                others == 1 ? "source" : "sources", destination, windowHours, windowHours == 1 ? "hour" : "hours",
                settings.commonAt());
        return Alert.newBuilder(alert)
                .setSeverity(severity)
                .setScore(score)
                .setDescription(alert.getDescription() + note)
                .setEvidence(Evidence.withField(alert.getEvidence(), "prevalence", prevalence))
                .build();
    }

    /**
     * A registered domain, else a name, else an address; null when none is known. The name comes before the address,
     * as beaconing names a pair and new_fqdn a domain ({@link SourceEntity#destinationOf}, which bandwidth_spike and
     * cryptomining use, prefers the address to a name outside the Public Suffix List).
     */
    static String destinationOf(String registeredDomain, String fqdn, String ip) {
        if (registeredDomain != null) {
            return registeredDomain;
        }
        return fqdn != null ? fqdn : ip;
    }
}
