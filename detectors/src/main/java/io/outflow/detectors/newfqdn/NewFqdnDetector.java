package io.outflow.detectors.newfqdn;

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
import io.outflow.schemas.Direction;
import io.outflow.schemas.EnrichedFlow;
import io.outflow.schemas.FlowAction;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import io.outflow.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * new_fqdn: the first contact of an established workload with a registered domain (eTLD+1 with the Public Suffix
 * List's private section, computed upstream: {@code x7f3.cdn.example.net} churn is one domain, {@code example.net}).
 *
 * <p><b>Key.</b> Per workload (replicas share what they learn), node, or source address ({@link SourceEntity}); every
 * egress flow of the key counts towards its first observed traffic, flows with a registered domain are contacts.
 *
 * <p><b>Rule, in event time.</b> Flows are gathered per window ({@code window}, aligned to the epoch) and windows are
 * judged in order once the watermark passes their end. A key's lifetime starts at the first traffic of its first
 * judged window, and again after a silence longer than {@code forgetAfter} (a replay that starts today knows nothing
 * of last month, and learns). For each domain contacted in a window: it is <i>new</i> when the key never contacted it
 * in this lifetime, or last did more than {@code forgetAfter} before; the key is <i>established</i> when the domain's
 * first contact is at least {@code learningPeriod} after the lifetime's start. New and established raises an alert
 * (entity {@code workload->domain}); new workloads learn and never alert. At most {@code maxDomainsPerWorkload}
 * domains are remembered (the least recently contacted goes first; it would be new again).
 *
 * <p>Prevalence across workloads is not in this detector (its key sees one workload): the prevalence stage
 * ({@link io.outflow.detectors.prevalence.DestinationPrevalence}) adds how many other workloads contacted the domain
 * to the evidence and damps alerts about common ones.
 * MITRE T1071 and T1568 (CommandAndControl). Severity low by default ({@code score}); denied-only contacts score
 * {@code deniedScore}.
 */
public final class NewFqdnDetector implements Detector<NewFqdnState> {
    public static final DetectorId ID = new DetectorId(DetectorNames.NEW_FQDN, "1");

    private final NewFqdnSettings settings;
    private final AlertContext context;
    private final long windowMillis;

    public NewFqdnDetector(NewFqdnSettings settings, AlertContext context) {
        this.settings = settings;
        this.context = context;
        this.windowMillis = settings.window().toMillis();
    }

    @Override
    public DetectorId id() {
        return ID;
    }

    public NewFqdnSettings settings() {
        return settings;
    }

    @Override
    public Optional<String> keyOf(EnrichedFlow flow) {
        FlowEvent e = flow.getFlow();
        FlowKind kind = e.getKind();
        if (kind == FlowKind.dns_query || kind == FlowKind.nat || e.getDirection() == Direction.inbound) {
            return Optional.empty();
        }
        return Optional.of(SourceEntity.of(flow).key());
    }

    @Override
    public NewFqdnState absorb(NewFqdnState stateOrNull, EnrichedFlow flow) {
        NewFqdnState s = stateOrNull == null ? new NewFqdnState() : stateOrNull;
        if (s.entity == null) {
            s.entity = SourceEntity.of(flow).id();
        }
        FlowEvent e = flow.getFlow();
        long time = e.getTime().toEpochMilli();
        NewFqdnState.Window window = s.windows.computeIfAbsent(Math.floorDiv(time, windowMillis),
                w -> new NewFqdnState.Window());
        window.minTime = Math.min(window.minTime, time);
        window.maxTime = Math.max(window.maxTime, time);
        String domain = flow.getRegisteredDomain();
        if (domain != null && (settings.includeDenied() || e.getAction() != FlowAction.deny)) {
            window.contacts.computeIfAbsent(domain, d -> new Contact(settings.maxSamples())).add(flow);
        }
        return s;
    }

    @Override
    public Outcome<NewFqdnState> advance(NewFqdnState s, Instant watermark) {
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
        return new Outcome<>(clean(s, watermark) ? null : s, alerts);
    }

    @Override
    public Optional<Instant> nextDeadline(NewFqdnState s) {
        Instant next = s.windows.isEmpty() ? null : Instant.ofEpochMilli((s.windows.firstKey() + 1) * windowMillis);
        if (s.cleanupAt != null && (next == null || s.cleanupAt.isBefore(next))) {
            next = s.cleanupAt;
        }
        return Optional.ofNullable(next);
    }

    @Override
    public StateCodec<NewFqdnState> stateCodec() {
        return new NewFqdnStateCodec(settings);
    }

    private void judge(NewFqdnState s, NewFqdnState.Window window, Instant start, Instant end, List<Alert> alerts) {
        long forget = settings.forgetAfter().toMillis();
        if (s.lifetimeStart == null || window.minTime > s.lastJudged.toEpochMilli() + forget) {
            s.domains.clear();
            s.lifetimeStart = Instant.ofEpochMilli(window.minTime);
        }
        // forgotten domains leave before the cap is applied, however often the watermark advanced
        s.domains.values().removeIf(known -> known[1] + forget < start.toEpochMilli());
        for (Map.Entry<String, Contact> entry : window.contacts.entrySet()) {
            String domain = entry.getKey();
            Contact contact = entry.getValue();
            long first = contact.flows.firstEventTime().toEpochMilli();
            long[] known = s.domains.get(domain);
            boolean isNew = known == null || first > known[1] + forget;
            boolean established = !contact.flows.firstEventTime().isBefore(
                    s.lifetimeStart.plus(settings.learningPeriod()));
            if (isNew && established) {
                alerts.add(alert(s, domain, contact, start, end));
            }
            if (isNew) {
                s.domains.put(domain, new long[] {first, contact.flows.lastEventTime().toEpochMilli()});
            } else {
                known[1] = Math.max(known[1], contact.flows.lastEventTime().toEpochMilli());
            }
        }
        while (s.domains.size() > settings.maxDomainsPerWorkload()) {
            String oldest = null;
            long oldestLast = Long.MAX_VALUE;
            for (Map.Entry<String, long[]> known : s.domains.entrySet()) {
                if (known.getValue()[1] < oldestLast) {
                    oldest = known.getKey();
                    oldestLast = known.getValue()[1];
                }
            }
            s.domains.remove(oldest);
        }
        Instant windowLast = Instant.ofEpochMilli(window.maxTime);
        if (s.lastJudged == null || windowLast.isAfter(s.lastJudged)) {
            s.lastJudged = windowLast;
        }
    }

    private Alert alert(NewFqdnState s, String domain, Contact c, Instant start, Instant end) {
        String entity = s.entity + SourceEntity.DESTINATION_SEPARATOR + domain;
        OpenAlert revision = s.open.record(entity, start, end, settings.cooldown());
        boolean deniedOnly = c.anyDenied && !c.anyAllowed;
        double score = deniedOnly ? settings.deniedScore() : settings.score();
        Severity severity = score >= settings.mediumScore() ? Severity.medium : Severity.low;
        FlowEvidence flows = c.flows;
        Duration observed = Duration.between(s.lifetimeStart, flows.firstEventTime());
        String firstName = flows.firstFqdn();
        String kql = flows.rawRows().destinationFqdn(domain).build();
        Evidence evidence = Evidence.create()
                .put("score", score)
                .put("registeredDomain", domain)
                .put("destinationNames", flows.fqdns()).put("destinationAddresses", flows.destinationIps())
                .put("destinationPorts", flows.ports())
                .put("firstContact", flows.firstEventTime())
                .put("workloadFirstSeen", s.lifetimeStart)
                .put("workloadObservedSeconds", observed.toSeconds())
                .put("learningPeriodSeconds", settings.learningPeriod().toSeconds())
                .put("knownDomains", s.domains.size())
                .put("contactsInWindow", c.eventIds.size()).put("contactsCapped", c.countCapped ? true : null)
                .put("allowed", c.anyAllowed).put("denied", c.anyDenied)
                .put("pods", flows.pods()).put("sourceIps", flows.sourceIps())
                .events(flows.firstEventTime(), flows.lastEventTime(), c.eventIds.size(), flows.sampleEventIds())
                .resourceId(flows.firewallResourceId()).kql(kql);
        String source = s.entity;
        String description = source + " contacted " + domain + " for the first time"
                + (firstName != null && !firstName.equals(domain) ? " (" + String.join(", ", flows.fqdns()) + ")"
                        : "")
                + " after " + humanDays(observed) + " of observed traffic and " + s.domains.size()
                + (s.domains.size() == 1 ? " known domain" : " known domains")
                + " (a domain not contacted for " + humanDays(settings.forgetAfter()) + " is forgotten)"
                + (deniedOnly ? "; the firewall denied it" : "") + ".";
        return new AlertBuilder(ID, context).identity(flows.identity()).entity(entity).revision(revision)
                .severity(severity).score(score).title("New domain for " + source + ": " + domain)
                .description(description)
                .destination(flows.firstDestinationIp(), firstName, flows.firstPort(), flows.firstProtocol())
                .evidence(evidence).techniques(MitreTechnique.T1071, MitreTechnique.T1568).build();
    }

    /** Expires what no future window can need; true when the whole state can go. */
    private boolean clean(NewFqdnState s, Instant watermark) {
        Instant horizon = Instant.ofEpochMilli(Math.floorDiv(watermark.toEpochMilli(), windowMillis) * windowMillis);
        if (!s.windows.isEmpty()) {
            Instant pending = Instant.ofEpochMilli(s.windows.firstKey() * windowMillis);
            horizon = pending.isBefore(horizon) ? pending : horizon;
        }
        s.open.expire(horizon, settings.cooldown());
        long forget = settings.forgetAfter().toMillis();
        Iterator<long[]> known = s.domains.values().iterator();
        while (known.hasNext()) {
            if (known.next()[1] + forget < horizon.toEpochMilli()) {
                known.remove();
            }
        }
        Instant lifetimeEnds = s.lastJudged == null ? null : s.lastJudged.plusMillis(forget);
        if (s.windows.isEmpty() && s.open.isEmpty() && lifetimeEnds != null && lifetimeEnds.isBefore(horizon)) {
            return true;
        }
        Instant cleanup = s.open.nextExpiry(settings.cooldown()).orElse(null);
        if (lifetimeEnds != null && (cleanup == null || lifetimeEnds.isBefore(cleanup))) {
            cleanup = lifetimeEnds;
        }
        s.cleanupAt = cleanup == null ? null
                : Instant.ofEpochMilli((Math.floorDiv(cleanup.toEpochMilli(), windowMillis) + 1) * windowMillis + 1);
        return false;
    }

    private static String humanDays(Duration d) {
        long hours = d.toHours();
        return hours >= 48 ? d.toDays() + " days" : hours >= 1 ? hours + " hours" : d.toMinutes() + " minutes";
    }
}
