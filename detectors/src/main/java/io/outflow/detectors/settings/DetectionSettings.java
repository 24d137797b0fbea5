package io.outflow.detectors.settings;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.config.PipelineSettings;
import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.bandwidth.BandwidthSpikeDetector;
import io.outflow.detectors.bandwidth.BandwidthSpikeSettings;
import io.outflow.detectors.beaconing.BeaconingDetector;
import io.outflow.detectors.beaconing.BeaconingSettings;
import io.outflow.detectors.cryptomining.CryptominingDetector;
import io.outflow.detectors.cryptomining.CryptominingSettings;
import io.outflow.detectors.cryptomining.MiningPools;
import io.outflow.detectors.newfqdn.NewFqdnDetector;
import io.outflow.detectors.newfqdn.NewFqdnSettings;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.prevalence.PrevalenceSettings;
import io.outflow.schemas.ids.ContentId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything in {@code outflow.yaml} that decides which alerts are raised: {@code pipeline} (the time rule),
 * {@code detectors.<name>} (one section per detector, parameters in camelCase), {@code allowlist} (built-in profiles
 * and entries), {@code suppressions} and {@code severityOverrides}. No file, or an empty one, gives the defaults: all
 * four detectors on, the built-in AKS and Azure Monitor profiles on.
 *
 * <pre>
 * allowlist:
 *   builtin: {aksRequired: true, azureMonitor: true}
 *   entries:
 *     - name: payments-api
 *       domains: [api.stripe.com, "*.stripe.com"]     # exact name; *.x = subdomains only
 *       cidrs: [203.0.113.0/24]
 *       ports: [443]
 *       namespace: shop                              # optional scope: detectors, cluster, namespace, workload
 *       reason: card payments
 *       owner: team-payments
 *       expires: 2026-06-30                          # through that day, UTC; judged against the alert's windowEnd
 * suppressions:
 *   - {detectors: [bandwidth_spike], namespace: backup, reason: nightly backup, owner: platform}
 * severityOverrides:
 *   - {detectors: [new_fqdn], namespace: ci, severity: informational, reason: builds fetch anything, owner: dev}
 * </pre>
 *
 * @param pipeline the {@code pipeline} section
 * @param cryptomining the {@code detectors.cryptomining} section
 * @param newFqdn the {@code detectors.new_fqdn} section
 * @param bandwidthSpike the {@code detectors.bandwidth_spike} section
 * @param beaconing the {@code detectors.beaconing} section
 * @param prevalence the {@code prevalence} section (how common a destination is, and the damping of its alerts)
 * @param miningPools the effective mining-pool list (bundled, feeds, extra, minus excluded)
 * @param builtinProfiles which built-in allowlist profiles are on
 * @param allowlist configured entries (file order) then the entries of the profiles that are on
 * @param suppressions suppression rules, file order
 * @param severityOverrides severity overrides, file order
 */
public record DetectionSettings(PipelineSettings pipeline, CryptominingSettings cryptomining, NewFqdnSettings newFqdn,
                                BandwidthSpikeSettings bandwidthSpike, BeaconingSettings beaconing,
                                PrevalenceSettings prevalence, MiningPools miningPools, Map<String, Boolean> builtinProfiles,
                                List<AllowlistEntry> allowlist, List<SuppressionRule> suppressions,
                                List<SeverityOverride> severityOverrides) {

    public DetectionSettings {
        builtinProfiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builtinProfiles));
        allowlist = List.copyOf(allowlist);
        suppressions = List.copyOf(suppressions);
        severityOverrides = List.copyOf(severityOverrides);
    }

    /** The settings of a user who wrote no configuration. */
    public static DetectionSettings defaults() {
        ConfigProblems problems = new ConfigProblems();
        DetectionSettings settings = read(ConfigNode.emptyMap("", "defaults"), null, problems);
        problems.throwIfAny();
        return settings;
    }

    /** Reads a file and throws {@link io.outflow.config.InvalidConfigException} listing every problem. */
    public static DetectionSettings load(Path file) {
        ConfigNode root = ConfigDocument.load(file);
        ConfigProblems problems = new ConfigProblems();
        DetectionSettings settings = read(root, file.toAbsolutePath().getParent(), problems);
        problems.throwIfAny();
        return settings;
    }

    /**
     * Reads the sections this module owns from a document root, recording every problem (key path, message, line).
     * Feed files are resolved against {@code baseDir} (the config file's directory; null: the working directory).
     * Other top-level sections are left to their owners.
     */
    public static DetectionSettings read(ConfigNode root, Path baseDir, ConfigProblems problems) {
        PipelineSettings pipeline = PipelineSettings.read(root, problems);
        ConfigNode detectors = root.section("detectors", problems);
        CryptominingSettings crypto = CryptominingSettings.read(
                detectors.section(DetectorNames.CRYPTOMINING, problems), problems);
        NewFqdnSettings newFqdn = NewFqdnSettings.read(detectors.section(DetectorNames.NEW_FQDN, problems), problems);
        BandwidthSpikeSettings bandwidth = BandwidthSpikeSettings.read(
                detectors.section(DetectorNames.BANDWIDTH_SPIKE, problems), problems);
        BeaconingSettings beaconing = BeaconingSettings.read(detectors.section(DetectorNames.BEACONING, problems),
                problems);
        detectors.rejectUnknownKeys(problems);
        PrevalenceSettings prevalence = PrevalenceSettings.read(root.section("prevalence", problems), problems);
        MiningPools pools = MiningPoolLists.effective(crypto, baseDir, problems);

        ConfigNode allowlistSection = root.section("allowlist", problems);
        ConfigNode builtin = allowlistSection.section("builtin", problems);
        Map<String, Boolean> profiles = new LinkedHashMap<>();
        for (String profile : AksEgressProfile.profiles()) {
            profiles.put(profile, builtin.bool(profile, true, problems));
        }
        builtin.rejectUnknownKeys(problems);
        List<AllowlistEntry> allowlist = new ArrayList<>();
        Map<String, Integer> nameLines = new HashMap<>();
        for (ConfigNode item : RuleParts.mapItems(allowlistSection.get("entries"), problems)) {
            ConfigNode name = item.get("name");
            if (name != null && name.type() == ConfigNode.Type.SCALAR) {
                Integer first = nameLines.putIfAbsent(name.text().strip(), name.line());
                if (first != null) {
                    problems.add(name, "duplicate name (first at line " + first + ")");
                }
            }
            AllowlistEntry entry = AllowlistEntry.read(item, "", problems);
            if (entry != null) {
                allowlist.add(entry);
            }
        }
        allowlistSection.rejectUnknownKeys(problems);
        for (Map.Entry<String, Boolean> profile : profiles.entrySet()) {
            if (profile.getValue()) {
                allowlist.addAll(AksEgressProfile.entries(profile.getKey()));
            }
        }
        List<SuppressionRule> suppressions = new ArrayList<>();
        for (ConfigNode item : RuleParts.mapItems(root.get("suppressions"), problems)) {
            SuppressionRule rule = SuppressionRule.read(item, problems);
            if (rule != null) {
                suppressions.add(rule);
            }
        }
        List<SeverityOverride> overrides = new ArrayList<>();
        for (ConfigNode item : RuleParts.mapItems(root.get("severityOverrides"), problems)) {
            SeverityOverride override = SeverityOverride.read(item, problems);
            if (override != null) {
                overrides.add(override);
            }
        }
        return new DetectionSettings(pipeline, crypto, newFqdn, bandwidth, beaconing, prevalence, pools, profiles,
                allowlist,
                suppressions, overrides);
    }

    /** The top-level sections {@link #read} owns (for a caller that rejects unknown top-level keys). */
    public static List<String> sections() {
        return List.of("pipeline", "detectors", "prevalence", "allowlist", "suppressions", "severityOverrides");
    }

    /** The policy every alert passes ({@link AlertPolicy}). */
    public AlertPolicy policy() {
        return new AlertPolicy(allowlist, suppressions, severityOverrides);
    }

    /**
     * The detectors that are on, in {@link DetectorNames#ALL} order (the order engines run them in), each stamping
     * the context on its alerts. Callers usually build the context with {@link #configVersion}.
     */
    public List<Detector<?>> detectors(AlertContext context) {
        List<Detector<?>> on = new ArrayList<>();
        if (cryptomining.enabled()) {
            on.add(new CryptominingDetector(cryptomining, miningPools, context));
        }
        if (bandwidthSpike.enabled()) {
            on.add(new BandwidthSpikeDetector(bandwidthSpike, context));
        }
        if (newFqdn.enabled()) {
            on.add(new NewFqdnDetector(newFqdn, context));
        }
        if (beaconing.enabled()) {
            on.add(new BeaconingDetector(beaconing, context));
        }
        return on;
    }

    /**
     * The prevalence stage between the detectors and the review, or null when {@code prevalence.enabled} is off or
     * no detector it applies to is on.
     */
    public DestinationPrevalence prevalenceStage() {
        if (!prevalence.enabled() || prevalence.detectors().stream().noneMatch(enabledDetectors()::contains)) {
            return null;
        }
        return new DestinationPrevalence(prevalence);
    }

    /** The names of the detectors that are on, in {@link DetectorNames#ALL} order. */
    public List<String> enabledDetectors() {
        List<String> on = new ArrayList<>();
        if (cryptomining.enabled()) {
            on.add(DetectorNames.CRYPTOMINING);
        }
        if (bandwidthSpike.enabled()) {
            on.add(DetectorNames.BANDWIDTH_SPIKE);
        }
        if (newFqdn.enabled()) {
            on.add(DetectorNames.NEW_FQDN);
        }
        if (beaconing.enabled()) {
            on.add(DetectorNames.BEACONING);
        }
        return on;
    }

    /** Configured allowlist entries, suppressions and overrides that have expired at a time (for reports). */
    public List<String> expiredAt(Instant time) {
        List<String> expired = new ArrayList<>();
        for (AllowlistEntry entry : allowlist) {
            if (entry.expiredAt(time)) {
                expired.add("allowlist " + entry.id() + " (expired " + entry.expires() + ")");
            }
        }
        for (SuppressionRule rule : suppressions) {
            if (rule.expiredAt(time)) {
                expired.add("suppression " + rule.id() + " (expired " + rule.expires() + ")");
            }
        }
        for (SeverityOverride override : severityOverrides) {
            if (override.expiredAt(time)) {
                expired.add("severity override " + override.id() + " (expired " + override.expires() + ")");
            }
        }
        return expired;
    }

    /** The effective configuration in canonical JSON: what configVersion is the digest of. */
    public String canonicalJson() {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("pipeline", pipeline);
        Map<String, Object> detectors = new LinkedHashMap<>();
        detectors.put(DetectorNames.CRYPTOMINING, cryptomining);
        detectors.put(DetectorNames.NEW_FQDN, newFqdn);
        detectors.put(DetectorNames.BANDWIDTH_SPIKE, bandwidthSpike);
        detectors.put(DetectorNames.BEACONING, beaconing);
        effective.put("detectors", detectors);
        effective.put("prevalence", prevalence);
        effective.put("miningPools", miningPools.version());
        effective.put("builtinProfiles", builtinProfiles);
        effective.put("allowlist", allowlist);
        effective.put("suppressions", suppressions);
        effective.put("severityOverrides", severityOverrides);
        return CanonicalJson.of(effective);
    }

    /** First 12 hex of SHA-256 of {@link #canonicalJson}: stamped on every alert. */
    public String configVersion() {
        return ContentId.of(canonicalJson()).substring(0, 12);
    }
}
