package io.outflow.detectors.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.outflow.detectors.domain.RegisteredDomains;
import io.outflow.detectors.run.LocalRunner;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a run against a scenario's labels, per detector. Alerts whose last revision is {@code informational} (the
 * damped alerts about common destinations, see {@code prevalence}) open no incident: they are counted and listed
 * apart and left out of every other number.
 * <ul>
 *   <li>an alert (one alertId, all its revisions) <em>matches</em> an incident when it is about the incident's entity
 *       (and, for per-destination detectors, its destination: the registered domain of the alert's name, else its
 *       address, which may be the incident's domain or its address), its window overlaps the incident's time
 *       (stretched by {@link #SLACK} after the end, for windows that close later), and it was first raised after the
 *       incident began;</li>
 *   <li>precision = alerts that match some incident / alerts (an alert on a real incident is right even when another
 *       detector was the one expected);</li>
 *   <li>recall = incidents that expect the detector and got at least one matching alert from it / incidents that
 *       expect it;</li>
 *   <li>alerts per incident = distinct alertIds per detected incident; time to detect = the watermark at which the
 *       first matching revision was emitted minus the incident's start (the alert's windowEnd when it was emitted at
 *       the end of input).</li>
 * </ul>
 */
public final class QualityReport {
    public static final Duration SLACK = Duration.ofHours(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PER_DESTINATION = List.of("beaconing", "new_fqdn", "cryptomining");

    /** The numbers of one detector. */
    public record Row(String detector, int alerts, int matching, int expected, int detected, double precision,
                      double recall, double alertsPerIncident, Duration medianTimeToDetect,
                      Duration maxTimeToDetect, List<String> missed, List<String> falseAlerts,
                      List<String> onOtherIncidents, Map<String, Duration> timeToDetect, int informational,
                      List<String> informationalAlerts) {
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public static QualityReport of(Scenario scenario, ScenarioRun run, List<String> detectors) {
        QualityReport report = new QualityReport();
        Map<String, List<ScenarioRun.Emitted>> byAlertId = new LinkedHashMap<>();
        for (ScenarioRun.Emitted e : run.emitted()) {
            byAlertId.computeIfAbsent(e.alert().getAlertId(), k -> new ArrayList<>()).add(e);
        }
        for (String detector : detectors) {
            int alerts = 0;
            int matching = 0;
            List<String> informational = new ArrayList<>();
            List<String> falseAlerts = new ArrayList<>();
            List<String> onOther = new ArrayList<>();
            Map<String, List<Duration>> detectedIn = new TreeMap<>();
            Map<String, Integer> alertsOn = new TreeMap<>();
            for (List<ScenarioRun.Emitted> revisions : byAlertId.values()) {
                Alert last = revisions.get(revisions.size() - 1).alert();
                if (!last.getDetector().equals(detector)) {
                    continue;
                }
                if (last.getSeverity() == Severity.informational) {
                    informational.add(entityOf(last) + " " + destinationOf(last) + " " + last.getWindowStart());
                    continue;
                }
                alerts++;
                boolean matched = false;
                Instant raised = emittedAt(revisions.get(0));
                for (Incident incident : scenario.incidents()) {
                    ScenarioRun.Emitted first = firstMatching(revisions, incident, detector);
                    if (first == null || raised.isBefore(incident.start())) {
                        continue; // an alert raised before the incident began is not about it
                    }
                    matched = true;
                    if (!incident.expected().contains(detector)) {
                        onOther.add(incident.id() + " (" + incident.type() + ")");
                    }
                    if (incident.expected().contains(detector)) {
                        Instant at = emittedAt(first);
                        detectedIn.computeIfAbsent(incident.id(), k -> new ArrayList<>())
                                .add(Duration.between(incident.start(), at));
                        alertsOn.merge(incident.id(), 1, Integer::sum);
                    }
                }
                if (matched) {
                    matching++;
                } else {
                    falseAlerts.add(entityOf(last) + " " + destinationOf(last) + " " + last.getWindowStart() + " "
                            + last.getTitle());
                }
            }
            List<String> missed = new ArrayList<>();
            int expected = 0;
            List<Duration> ttd = new ArrayList<>();
            Map<String, Duration> ttdByIncident = new TreeMap<>();
            for (Incident incident : scenario.incidents()) {
                if (!incident.expected().contains(detector)) {
                    continue;
                }
                expected++;
                List<Duration> times = detectedIn.get(incident.id());
                if (times == null) {
                    missed.add(incident.id() + " " + incident.parameters());
                } else {
                    ttd.add(Collections.min(times));
                    ttdByIncident.put(incident.id() + " " + incident.parameters(), Collections.min(times));
                }
            }
            Collections.sort(ttd);
            int detected = expected - missed.size();
            double perIncident = detected == 0 ? 0 : alertsOn.values().stream().mapToInt(Integer::intValue).sum()
                    / (double) detected;
            report.rows.put(detector, new Row(detector, alerts, matching, expected, detected,
                    alerts == 0 ? 1.0 : matching / (double) alerts, expected == 0 ? 1.0 : detected / (double) expected,
                    perIncident, ttd.isEmpty() ? Duration.ZERO : ttd.get(ttd.size() / 2),
                    ttd.isEmpty() ? Duration.ZERO : ttd.get(ttd.size() - 1), missed, falseAlerts, onOther, ttdByIncident,
                    informational.size(), informational));
        }
        return report;
    }

    /** When an engine raised a revision: the watermark, or its windowEnd when it came at the end of input. */
    static Instant emittedAt(ScenarioRun.Emitted e) {
        return e.watermark().equals(LocalRunner.END_OF_TIME) ? e.alert().getWindowEnd() : e.watermark();
    }

    public Row row(String detector) {
        return rows.get(detector);
    }

    public Map<String, Row> rows() {
        return rows;
    }

    private static ScenarioRun.Emitted firstMatching(List<ScenarioRun.Emitted> revisions, Incident incident,
                                                     String detector) {
        for (ScenarioRun.Emitted e : revisions) {
            Alert a = e.alert();
            if (!entityOf(a).equals(incident.entity())) {
                continue;
            }
            String destination = destinationOf(a);
            if (PER_DESTINATION.contains(detector) && !incident.destination().equals(destination)
                    && !incident.destinationIp().equals(destination)) {
                continue;
            }
            if (a.getWindowEnd().isBefore(incident.start()) || a.getWindowStart().isAfter(incident.end().plus(SLACK))) {
                continue;
            }
            return e;
        }
        return null;
    }

    /** The alert's source entity, as incidents name it. */
    static String entityOf(Alert a) {
        if (a.getWorkload() != null && a.getNamespace() != null) {
            return a.getNamespace() + "/" + a.getWorkloadKind() + "/" + a.getWorkload();
        }
        if (a.getNode() != null && a.getAttribution() != io.outflow.schemas.Attribution.unknown) {
            return "node/" + a.getNode();
        }
        return "ip/" + a.getSourceIp();
    }

    /** The alert's destination: the evidence's, else the registered domain of its name, else its address. */
    static String destinationOf(Alert a) {
        try {
            JsonNode evidence = JSON.readTree(a.getEvidence());
            if (evidence.hasNonNull("destination")) {
                return evidence.get("destination").asText();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (a.getDestinationFqdn() != null) {
            return RegisteredDomains.of(a.getDestinationFqdn()).orElse(a.getDestinationFqdn());
        }
        return a.getDestinationIp();
    }

    /** A Markdown table of the rows. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append("| detector | alerts | on incidents | precision | incidents expected | detected | recall | "
                + "alerts per incident | time to detect (median / max) | informational |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows.values()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %d | %d | %.2f | %.2f | %s / %s | %d |%n",
                    r.detector(), r.alerts(), r.matching(), r.precision(), r.expected(), r.detected(), r.recall(),
                    r.alertsPerIncident(), human(r.medianTimeToDetect()), human(r.maxTimeToDetect()),
                    r.informational()));
        }
        return out.toString();
    }

    /** The rows of several runs summed per detector (medians and maxima of time to detect over all incidents). */
    public static String combined(java.util.Collection<QualityReport> reports) {
        QualityReport sum = new QualityReport();
        for (String detector : reports.iterator().next().rows.keySet()) {
            int alerts = 0;
            int matching = 0;
            int informational = 0;
            int expected = 0;
            int detected = 0;
            double alertsOnDetected = 0;
            List<Duration> medians = new ArrayList<>();
            Duration max = Duration.ZERO;
            List<String> missed = new ArrayList<>();
            List<String> falseAlerts = new ArrayList<>();
            List<String> onOther = new ArrayList<>();
            for (QualityReport r : reports) {
                Row row = r.rows.get(detector);
                alerts += row.alerts();
                matching += row.matching();
                informational += row.informational();
                expected += row.expected();
                detected += row.detected();
                alertsOnDetected += row.alertsPerIncident() * row.detected();
                if (row.detected() > 0) {
                    medians.add(row.medianTimeToDetect());
                }
                max = row.maxTimeToDetect().compareTo(max) > 0 ? row.maxTimeToDetect() : max;
                missed.addAll(row.missed());
                falseAlerts.addAll(row.falseAlerts());
                onOther.addAll(row.onOtherIncidents());
            }
            Collections.sort(medians);
            sum.rows.put(detector, new Row(detector, alerts, matching, expected, detected,
                    alerts == 0 ? 1.0 : matching / (double) alerts, expected == 0 ? 1.0 : detected / (double) expected,
                    detected == 0 ? 0 : alertsOnDetected / detected,
                    medians.isEmpty() ? Duration.ZERO : medians.get(medians.size() / 2), max, missed, falseAlerts,
                    onOther, Map.of(), informational, List.of()));
        }
        return sum.table();
    }

    /** Misses and false alerts, for reading. */
    public String details() {
        StringBuilder out = new StringBuilder();
        for (Row r : rows.values()) {
            for (String m : new TreeSet<>(r.missed())) {
                out.append(r.detector()).append(" missed ").append(m).append('\n');
            }
            for (String f : r.falseAlerts()) {
                out.append(r.detector()).append(" false ").append(f).append('\n');
            }
            for (String i : r.informationalAlerts()) {
                out.append(r.detector()).append(" informational ").append(i).append('\n');
            }
            for (String o : r.onOtherIncidents()) {
                out.append(r.detector()).append(" also on ").append(o).append('\n');
            }
            for (Map.Entry<String, Duration> t : r.timeToDetect().entrySet()) {
                out.append(r.detector()).append(" detected ").append(t.getKey()).append(" after ")
                        .append(human(t.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes >= 120) {
            return String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
        }
        return minutes + " min";
    }
}
