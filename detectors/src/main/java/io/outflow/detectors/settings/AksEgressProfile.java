package io.outflow.detectors.settings;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in allowlist profiles, read from {@code aks-egress-profile.yaml} beside this class: {@code aksRequired}
 * (the outbound destinations Microsoft's AKS egress documentation lists as required, plus node OS updates) and
 * {@code azureMonitor} (the Azure Monitor add-on endpoints). On by default; listed in {@code docs/allowlists.md}.
 * Their entries read like configured ones, with IDs {@code builtin:<profile>/<name>} and owner
 * {@code outflow built-in}.
 */
public final class AksEgressProfile {
    public static final String AKS_REQUIRED = "aksRequired";
    public static final String AZURE_MONITOR = "azureMonitor";
    static final String RESOURCE = "aks-egress-profile.yaml";
    private static final Map<String, List<AllowlistEntry>> PROFILES = load();

    private AksEgressProfile() {
    }

    /** The entries of a profile, in file order. */
    public static List<AllowlistEntry> entries(String profile) {
        List<AllowlistEntry> entries = PROFILES.get(profile);
        if (entries == null) {
            throw new IllegalArgumentException("no built-in profile " + profile);
        }
        return entries;
    }

    public static List<String> profiles() {
        return List.copyOf(PROFILES.keySet());
    }

    private static Map<String, List<AllowlistEntry>> load() {
        String text;
        try (InputStream in = AksEgressProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigNode root = ConfigDocument.parse(text, RESOURCE);
        ConfigProblems problems = new ConfigProblems();
        Map<String, List<AllowlistEntry>> profiles = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> profile : root.entries().entrySet()) {
            List<AllowlistEntry> entries = new ArrayList<>();
            for (ConfigNode item : RuleParts.mapItems(profile.getValue(), problems)) {
                AllowlistEntry entry = AllowlistEntry.read(item, "builtin:" + profile.getKey() + "/", problems);
                if (entry != null) {
                    entries.add(entry);
                }
            }
            profiles.put(profile.getKey(), List.copyOf(entries));
        }
        problems.throwIfAny();
        return profiles;
    }
}
