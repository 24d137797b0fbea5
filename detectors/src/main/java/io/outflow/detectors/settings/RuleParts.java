package io.outflow.detectors.settings;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.detectors.DetectorNames;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading what every allowlist entry, suppression rule and severity override shares. */
final class RuleParts {
    private RuleParts() {
    }

    /**
     * {@code expires}: a date ({@code 2026-06-30}: the rule applies through that day, UTC) or a time with {@code Z}
     * or an offset; null when absent.
     */
    static Instant expires(ConfigNode entry, ConfigProblems problems) {
        ConfigNode at = entry.get("expires");
        if (at == null || at.type() == ConfigNode.Type.NULL) {
            return null;
        }
        String text = at.type() == ConfigNode.Type.SCALAR ? at.text().strip() : "";
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(at, "must be a date (2026-06-30) or a time with Z or an offset (2026-06-30T18:00:00Z), got "
                    + at.describe());
            return null;
        }
    }

    static AlertScope scope(ConfigNode entry, ConfigProblems problems) {
        Set<String> detectors = new LinkedHashSet<>();
        ConfigNode list = entry.get("detectors");
        List<String> names = entry.strings("detectors", problems);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (DetectorNames.ALL.contains(name)) {
                detectors.add(name);
            } else {
                ConfigNode at = list.type() == ConfigNode.Type.LIST ? list.items().get(i) : list;
                problems.add(at, "must be one of " + String.join(", ", DetectorNames.ALL) + ", got '" + name + "'");
            }
        }
        String cluster = text(entry, "cluster", problems);
        String namespace = text(entry, "namespace", problems);
        String workload = text(entry, "workload", problems);
        String node = text(entry, "node", problems);
        if (workload != null && namespace == null) {
            problems.add(entry.get("workload"), "needs namespace: workload names are unique only within a namespace");
        }
        return new AlertScope(detectors, cluster, namespace, workload, node);
    }

    static String text(ConfigNode entry, String key, ConfigProblems problems) {
        String value = entry.string(key, null, problems);
        if (value != null && value.isBlank()) {
            problems.add(entry.get(key), "must not be empty");
            return null;
        }
        return value == null ? null : value.strip();
    }

    /** A required non-empty text; records "is required" at the entry's line when missing. */
    static String required(ConfigNode entry, String key, ConfigProblems problems) {
        String value = entry.requiredString(key, problems);
        return value == null ? null : value.strip();
    }

    /** The entries of a list section, each required to be a map. */
    static List<ConfigNode> mapItems(ConfigNode list, ConfigProblems problems) {
        if (list == null || list.type() == ConfigNode.Type.NULL) {
            return List.of();
        }
        if (list.type() != ConfigNode.Type.LIST) {
            problems.add(list, "must be a list of entries, got " + list.describe());
            return List.of();
        }
        List<ConfigNode> maps = new java.util.ArrayList<>();
        for (ConfigNode item : list.items()) {
            if (item.type() == ConfigNode.Type.MAP) {
                maps.add(item);
            } else {
                problems.add(item, "must be a map (name, reason, owner, ...), got " + item.describe());
            }
        }
        return maps;
    }
}
