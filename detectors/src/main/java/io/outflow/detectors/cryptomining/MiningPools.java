package io.outflow.detectors.cryptomining;

import io.outflow.schemas.ids.ContentId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Mining-pool names matched by suffix: {@code xmr-eu1.nanopool.org} matches the entry {@code nanopool.org},
 * {@code notnanopool.org} does not. Built from the bundled list plus operators' feeds and inline entries, minus
 * exclusions; {@link #version} names the bundled list's version and a digest of the effective entries, so that
 * configVersion changes when the list does.
 */
public final class MiningPools {
    /** One name of the list and where it came from. */
    public record Entry(String domain, String source) {
    }

    private final Map<String, Entry> byDomain;
    private final String bundledVersion;

    public MiningPools(Collection<Entry> entries, String bundledVersion) {
        TreeMap<String, Entry> sorted = new TreeMap<>();
        for (Entry entry : entries) {
            String domain = normalise(entry.domain());
            sorted.putIfAbsent(domain, new Entry(domain, entry.source()));
        }
        this.byDomain = sorted;
        this.bundledVersion = bundledVersion;
    }

    /** The entry a name falls under (the most specific when several do), or empty. */
    public Optional<Entry> match(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String candidate = normalise(name);
        while (true) {
            Entry entry = byDomain.get(candidate);
            if (entry != null) {
                return Optional.of(entry);
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    public List<Entry> entries() {
        return new ArrayList<>(byDomain.values());
    }

    public int size() {
        return byDomain.size();
    }

    /** {@code <bundled version>+<first 12 hex of the entries' digest>}. */
    public String version() {
        StringBuilder all = new StringBuilder();
        for (String domain : byDomain.keySet()) {
            all.append(domain).append('\n');
        }
        return bundledVersion + "+" + ContentId.of(all.toString()).substring(0, 12);
    }

    static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
