package io.outflow.detectors.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblem;
import io.outflow.config.ConfigProblems;
import io.outflow.config.InvalidConfigException;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.schemas.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionSettingsTest {

    static List<String> problems(String yaml) {
        ConfigProblems problems = new ConfigProblems();
        DetectionSettings.read(ConfigDocument.parse(yaml, "outflow.yaml"), null, problems);
        return problems.all().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void noConfigurationGivesUsefulDefaults() {
        DetectionSettings defaults = DetectionSettings.defaults();
        assertThat(defaults.enabledDetectors()).containsExactlyElementsOf(DetectorNames.ALL);
        assertThat(defaults.pipeline().allowedLateness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.builtinProfiles()).containsEntry("aksRequired", true).containsEntry("azureMonitor", true);
        assertThat(defaults.allowlist()).allMatch(AllowlistEntry::builtIn).hasSizeGreaterThan(10);
        assertThat(defaults.miningPools().size()).isGreaterThan(50);
        assertThat(defaults.miningPools().version()).startsWith("2025.06.1+");
        assertThat(defaults.detectors(new AlertContext(defaults.configVersion(), "t", Mode.live)))
                .extracting(d -> d.id().name()).containsExactlyElementsOf(DetectorNames.ALL);
        assertThat(defaults.configVersion()).matches("[0-9a-f]{12}");
    }

    @Test
    void everyProblemIsReportedWithItsKeyPathAndLine() {
        String yaml = """
                pipeline:
                  allowedLateness: soon
                detectors:
                  cryptomining:
                    minScore: 0
                    poolPorts: [3333, 70000]
                    extraPoolDomains: ["*.pool.example", 10.0.0.1]
                    highScore: 0.5
                  new_fqdn:
                    learningPeriod: 7 days
                    maxDomainPerWorkload: 10
                  beaconing:
                    minConnections: 0
                  beacons: {}
                allowlist:
                  builtin: {aks: false}
                  entries:
                    - name: a
                      domains: ["*.com", "example.*"]
                      cidrs: [10.0.0.5/24]
                      ports: [0]
                      detectors: [beacon]
                      workload: web
                      owner: me
                      expires: next week
                    - name: a
                      domains: [ok.example.com]
                      reason: r
                      owner: o
                    - reason: nothing to match
                      owner: o
                suppressions:
                  - reason: everything
                    owner: o
                severityOverrides:
                  - detectors: [new_fqdn]
                    severity: urgent
                    reason: r
                    owner: o
                """;
        assertThat(problems(yaml)).containsExactly(
                "pipeline.allowedLateness: must be a duration such as 90s, 10m, 24h, 7d or PT10M, got 'soon' "
                        + "(outflow.yaml:2)",
                "detectors.cryptomining.minScore: must be ≥ 0.05, got 0 (outflow.yaml:5)",
                "detectors.cryptomining.extraPoolDomains[0]: entries already match every name under them: write "
                        + "'pool.example', got '*.pool.example' (outflow.yaml:7)",
                "detectors.cryptomining.extraPoolDomains[1]: must be a domain name such as pool.example.org, got "
                        + "'10.0.0.1' (outflow.yaml:7)",
                "detectors.cryptomining.poolPorts[1]: must be a port number between 1 and 65535, got '70000' "
                        + "(outflow.yaml:6)",
                "detectors.cryptomining.highScore: must be ≥ mediumScore (0.6), got 0.5 (outflow.yaml:8)",
                "detectors.new_fqdn.learningPeriod: must be a duration such as 90s, 10m, 24h, 7d or PT10M, got "
                        + "'7 days' (outflow.yaml:10)",
                "detectors.new_fqdn.maxDomainPerWorkload: unknown key (did you mean 'maxDomainsPerWorkload'?) "
                        + "(outflow.yaml:11)",
                "detectors.beaconing.minConnections: must be ≥ 3, got 0 (outflow.yaml:13)",
                "detectors.beacons: unknown key (outflow.yaml:14)",
                "allowlist.builtin.aks: unknown key (outflow.yaml:16)",
                "allowlist.entries[0].detectors[0]: must be one of cryptomining, bandwidth_spike, new_fqdn, beaconing, "
                        + "got 'beacon' (outflow.yaml:22)",
                "allowlist.entries[0].workload: needs namespace: workload names are unique only within a namespace "
                        + "(outflow.yaml:23)",
                "allowlist.entries[0].domains[0]: '*.com' would allow every name under the public suffix 'com'; name "
                        + "the domain (*.example.com) (outflow.yaml:19)",
                "allowlist.entries[0].domains[1]: must be a name (example.com) or '*.' and a name (*.example.com, "
                        + "subdomains only); '*' is allowed only as the first label, got 'example.*' (outflow.yaml:19)",
                "allowlist.entries[0].cidrs[0]: has host bits set: did you mean 10.0.0.0/24? got '10.0.0.5/24' "
                        + "(outflow.yaml:20)",
                "allowlist.entries[0].ports[0]: must be a port 1-65535 or a range such as 8000-8100 (first ≤ last), "
                        + "got '0' (outflow.yaml:21)",
                "allowlist.entries[0].reason: is required (outflow.yaml:18)",
                "allowlist.entries[0].expires: must be a date (2026-06-30) or a time with Z or an offset "
                        + "(2026-06-30T18:00:00Z), got 'next week' (outflow.yaml:25)",
                "allowlist.entries[1].name: duplicate name (first at line 18) (outflow.yaml:26)",
                "allowlist.entries[2]: needs at least one of domains, cidrs or ports (to silence a workload or "
                        + "detector entirely, write a suppression) (outflow.yaml:30)",
                "suppressions[0]: needs at least one of detectors, cluster, namespace, workload, node or severityBelow "
                        + "(a rule without conditions would silence everything) (outflow.yaml:33)",
                "severityOverrides[0].severity: must be one of informational, low, medium, high, got 'urgent' "
                        + "(outflow.yaml:37)");
    }

    @Test
    void theExampleInTheDocsValidates() {
        Path example = Path.of("..", "docs", "outflow.example.yaml");
        DetectionSettings settings = DetectionSettings.load(example);
        assertThat(settings.allowlist()).extracting(AllowlistEntry::id).startsWith("payments-api", "metrics-vendor",
                "partner-sftp");
        assertThat(settings.suppressions()).hasSize(1);
        assertThat(settings.severityOverrides()).hasSize(1);
        assertThat(settings.miningPools().match("eu.pool.example-miner.net")).isPresent();
        assertThat(settings.expiredAt(Instant.parse("2027-01-01T00:00:00Z")))
                .containsExactly("allowlist partner-sftp (expired 2027-01-01T00:00:00Z)");
        assertThat(settings.expiredAt(Instant.parse("2026-12-31T23:59:59Z"))).isEmpty();
    }

    @Test
    void configVersionDependsOnTheEffectiveConfigurationNotOnItsSpelling() {
        String a = DetectionSettings.read(ConfigDocument.parse("""
                pipeline: {allowedLateness: 10m}
                detectors:
                  new_fqdn: {learningPeriod: 7d, forgetAfter: 30d}
                """, "a.yaml"), null, new ConfigProblems()).configVersion();
        String b = DetectionSettings.read(ConfigDocument.parse("""
                detectors:
                  new_fqdn: {forgetAfter: 720h, learningPeriod: PT168H}
                pipeline: {allowedLateness: 600s}
                """, "b.yaml"), null, new ConfigProblems()).configVersion();
        String defaults = DetectionSettings.defaults().configVersion();
        String changed = DetectionSettings.read(ConfigDocument.parse("detectors: {new_fqdn: {learningPeriod: 8d}}",
                "c.yaml"), null, new ConfigProblems()).configVersion();
        String withEntry = DetectionSettings.read(ConfigDocument.parse("""
                allowlist:
                  entries: [{domains: [x.example.com], reason: r, owner: o}]
                """, "d.yaml"), null, new ConfigProblems()).configVersion();
        assertThat(a).isEqualTo(b).isEqualTo(defaults);
        assertThat(changed).isNotEqualTo(defaults);
        assertThat(withEntry).isNotEqualTo(defaults);
    }

    @Test
    void feedsAddPoolDomainsAndBadLinesAreProblemsOfTheirFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pools.txt"), "# our feed\nfresh-pool.example   # seen in an incident\n"
                + "not a domain\n");
        Files.writeString(dir.resolve("outflow.yaml"), "detectors:\n  cryptomining:\n    feeds: [pools.txt, "
                + "missing.txt]\n    excludedPoolDomains: [nicehash.com]\n");
        assertThatThrownBy(() -> DetectionSettings.load(dir.resolve("outflow.yaml")))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).problems()).extracting(ConfigProblem::toString)
                        .containsExactly("detectors.cryptomining.feeds[0]: line 3 is not a domain name: 'not a "
                                + "domain' (" + dir.resolve("pools.txt") + ":3)",
                                "detectors.cryptomining.feeds[1]: cannot read the feed " + dir.resolve("missing.txt")
                                        + ": NoSuchFileException " + dir.resolve("missing.txt") + " ("
                                        + dir.resolve("missing.txt") + ")"));
        Files.writeString(dir.resolve("outflow.yaml"), "detectors:\n  cryptomining:\n    feeds: [pools.txt]\n"
                + "    excludedPoolDomains: [nicehash.com]\n");
        Files.writeString(dir.resolve("pools.txt"), "fresh-pool.example   # seen in an incident\n");
        DetectionSettings settings = DetectionSettings.load(dir.resolve("outflow.yaml"));
        assertThat(settings.miningPools().match("eu.fresh-pool.example"))
                .hasValueSatisfying(e -> assertThat(e.source()).isEqualTo("feed:pools.txt: seen in an incident"));
        assertThat(settings.miningPools().match("randomx.auto.nicehash.com")).isEmpty();
        assertThat(settings.configVersion()).isNotEqualTo(DetectionSettings.defaults().configVersion());
    }
}
