package io.outflow.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node of a YAML configuration that knows its key path and line. Reads are typed and never throw: a wrong value
 * is recorded in {@link ConfigProblems} (path, expectation, what was given, line) and the default is used, so that
 * one validation run reports every problem. Keys that were never read can be reported as unknown, which catches
 * typos such as {@code minConnection}.
 */
public final class ConfigNode {
    public enum Type { MAP, LIST, SCALAR, NULL }

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Type type;
    private final String path;
    private final String file;
    private final int line;
    private final String scalar;
    private final Map<String, ConfigNode> entries;
    private final List<ConfigNode> items;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigNode(Type type, String path, String file, int line, String scalar, Map<String, ConfigNode> entries,
               List<ConfigNode> items) {
        this.type = type;
        this.path = path;
        this.file = file;
        this.line = line;
        this.scalar = scalar;
        this.entries = entries;
        this.items = items;
    }

    /** An empty map, for reading defaults when a section is absent. */
    public static ConfigNode emptyMap(String path, String file) {
        return new ConfigNode(Type.MAP, path, file, 0, null, new LinkedHashMap<>(), List.of());
    }

    public Type type() {
        return type;
    }

    public String path() {
        return path;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public boolean isMap() {
        return type == Type.MAP;
    }

    /** The child under {@code key}, or null when absent. Marks the key as known. */
    public ConfigNode get(String key) {
        read.add(key);
        return entries == null ? null : entries.get(key);
    }

    /** The child map under {@code key}; an empty map when absent; a problem when it is not a map. */
    public ConfigNode section(String key, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return emptyMap(childPath(key), file);
        }
        if (child.type != Type.MAP) {
            problems.add(child, "must be a map of settings, got " + child.describe());
            return emptyMap(childPath(key), file);
        }
        return child;
    }

    /** Every entry of a map, in file order; marks them all as known. */
    public Map<String, ConfigNode> entries() {
        if (entries == null) {
            return Map.of();
        }
        read.addAll(entries.keySet());
        return Collections.unmodifiableMap(entries);
    }

    public List<ConfigNode> items() {
        return items == null ? List.of() : items;
    }

    /** The text of a scalar, or null. */
    public String text() {
        return scalar;
    }

    public String string(String key, String defaultValue, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        if (child.type != Type.SCALAR) {
            problems.add(child, "must be a string, got " + child.describe());
            return defaultValue;
        }
        return child.scalar;
    }

    /** A required string; a problem when absent. */
    public String requiredString(String key, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL || (child.type == Type.SCALAR && child.scalar.isBlank())) {
            problems.add(childPath(key), "is required", file, child != null ? child.line : line);
            return null;
        }
        return string(key, null, problems);
    }

    public int integer(String key, int defaultValue, int min, int max, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(child.requireScalar());
        } catch (NumberFormatException e) {
            problems.add(child, "must be a whole number, got " + child.describe());
            return defaultValue;
        }
        if (value < min) {
            problems.add(child, "must be ≥ " + min + ", got " + value);
            return defaultValue;
        }
        if (value > max) {
            problems.add(child, "must be ≤ " + max + ", got " + value);
            return defaultValue;
        }
        return (int) value;
    }

    public long longValue(String key, long defaultValue, long min, long max, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(child.requireScalar().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.add(child, "must be a whole number, got " + child.describe());
            return defaultValue;
        }
        if (value < min || value > max) {
            problems.add(child, "must be between " + min + " and " + max + ", got " + value);
            return defaultValue;
        }
        return value;
    }

    public double number(String key, double defaultValue, double min, double max, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(child.requireScalar());
        } catch (NumberFormatException e) {
            problems.add(child, "must be a number, got " + child.describe());
            return defaultValue;
        }
        if (Double.isNaN(value) || value < min) {
            problems.add(child, "must be ≥ " + min + ", got " + child.scalar);
            return defaultValue;
        }
        if (value > max) {
            problems.add(child, "must be ≤ " + max + ", got " + child.scalar);
            return defaultValue;
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        String text = child.type == Type.SCALAR ? child.scalar : "";
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        problems.add(child, "must be true or false, got " + child.describe());
        return defaultValue;
    }

    /** A duration as {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d}, {@code 250ms} or ISO-8601 {@code PT10M}. */
    public Duration duration(String key, Duration defaultValue, Duration min, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return defaultValue;
        }
        Duration value = parseDuration(child.type == Type.SCALAR ? child.scalar : null);
        if (value == null) {
            problems.add(child, "must be a duration such as 90s, 10m, 24h, 7d or PT10M, got " + child.describe());
            return defaultValue;
        }
        if (value.compareTo(min) < 0) {
            problems.add(child, "must be ≥ " + format(min) + ", got " + child.scalar);
            return defaultValue;
        }
        return value;
    }

    /** A list of strings (a single string counts as a list of one). */
    public List<String> strings(String key, ConfigProblems problems) {
        ConfigNode child = get(key);
        if (child == null || child.type == Type.NULL) {
            return List.of();
        }
        if (child.type == Type.SCALAR) {
            return List.of(child.scalar);
        }
        if (child.type != Type.LIST) {
            problems.add(child, "must be a list of strings, got " + child.describe());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode item : child.items) {
            if (item.type == Type.SCALAR) {
                out.add(item.scalar);
            } else {
                problems.add(item, "must be a string, got " + item.describe());
            }
        }
        return out;
    }

    /** Reports every key of this map that no reader asked for. */
    public void rejectUnknownKeys(ConfigProblems problems) {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                String hint = closest(entry.getKey(), read);
                problems.add(entry.getValue(), "unknown key" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
    }

    public String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** What a value is, for messages: its text for scalars, else its shape. */
    public String describe() {
        return switch (type) {
            case SCALAR -> scalar.isEmpty() ? "an empty string" : "'" + scalar + "'";
            case MAP -> "a map";
            case LIST -> "a list";
            case NULL -> "nothing";
        };
    }

    public static Duration parseDuration(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A duration in the short form of the configuration ({@code 10m}, {@code 24h}). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }

    private String requireScalar() {
        if (type != Type.SCALAR) {
            throw new NumberFormatException();
        }
        return scalar.strip();
    }

    private static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(key.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
