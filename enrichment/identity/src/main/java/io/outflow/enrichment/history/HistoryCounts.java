package io.outflow.enrichment.history;

import io.outflow.schemas.ObjectKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What reading history files gave: changes per kind, what was skipped and why, and broken documents. */
public final class HistoryCounts {
    private static final int KEPT_PROBLEMS = 20;

    private final Map<ObjectKind, Long> changes = new EnumMap<>(ObjectKind.class);
    private final Map<String, Long> skippedKinds = new TreeMap<>();
    private final Map<String, Long> skippedEvents = new TreeMap<>();
    private long filteredOut;
    private long broken;
    private final List<String> problems = new ArrayList<>();

    void change(ObjectKind kind) {
        changes.merge(kind, 1L, Long::sum);
    }

    void skippedKind(String kind) {
        skippedKinds.merge(kind == null ? "(no kind)" : kind, 1L, Long::sum);
    }

    void skippedEvent(String type) {
        skippedEvents.merge(type == null ? "(no type)" : type, 1L, Long::sum);
    }

    void filter() {
        filteredOut++;
    }

    void broken(String where, String what) {
        broken++;
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(where + ": " + what);
        }
    }

    public long changes() {
        return changes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long changes(ObjectKind kind) {
        return changes.getOrDefault(kind, 0L);
    }

    /** Objects of kinds the timeline does not use (Deployment, Service, …), by kind. */
    public Map<String, Long> skippedKinds() {
        return Map.copyOf(skippedKinds);
    }

    /** Watch events that carry no object change (BOOKMARK, ERROR), by type. */
    public Map<String, Long> skippedEvents() {
        return Map.copyOf(skippedEvents);
    }

    /** Objects left unapplied because they could not concern the address asked about. */
    public long filteredOut() {
        return filteredOut;
    }

    public long broken() {
        return broken;
    }

    /** The first broken documents, each as {@code file:line: what}. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append(changes()).append(" changes (");
        out.append("pods ").append(changes(ObjectKind.POD));
        out.append(", replicasets ").append(changes(ObjectKind.REPLICA_SET));
        out.append(", jobs ").append(changes(ObjectKind.JOB));
        out.append(", nodes ").append(changes(ObjectKind.NODE)).append(")");
        if (filteredOut > 0) {
            out.append("; ").append(filteredOut).append(" objects not about the address");
        }
        if (!skippedKinds.isEmpty()) {
            out.append("; skipped kinds ").append(skippedKinds);
        }
        if (!skippedEvents.isEmpty()) {
            out.append("; skipped events ").append(skippedEvents);
        }
        if (broken > 0) {
            out.append("; ").append(broken).append(" broken documents");
        }
        return out.toString();
    }
}
