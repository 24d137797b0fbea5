package io.outflow.detectors.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.config.ConfigDocument;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Attribution;
import io.outflow.schemas.Mode;
import io.outflow.schemas.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    private static final Instant T = Instant.parse("2026-06-30T12:00:00Z");

    static Alert alert(String detector, String namespace, String workload, String fqdn, String ip, Integer port,
                       Severity severity, int revision, Instant windowEnd) {
        return Alert.newBuilder().setAlertId("a-" + detector + "-" + fqdn + "-" + ip).setRevision(revision)
                .setDetector(detector).setDetectorVersion("1").setSeverity(severity).setScore(0.5).setTitle("t")
                .setDescription("d").setCluster("aks-prod").setNamespace(namespace).setWorkload(workload)
                .setWorkloadKind(workload == null ? null : "Deployment").setNode("aks-nodepool1-0")
                .setAttribution(namespace == null ? Attribution.node : Attribution.pod).setDestinationFqdn(fqdn)
                .setDestinationIp(ip).setDestinationPort(port).setWindowStart(windowEnd.minusSeconds(300))
                .setWindowEnd(windowEnd).setEvidence("{}").setConfigVersion("c").setOutflowVersion("v")
                .setMode(Mode.live).build();
    }

    static Alert newFqdn(String namespace, String workload, String fqdn) {
        return alert("new_fqdn", namespace, workload, fqdn, "198.51.100.1", 443, Severity.low, 1, T);
    }

    static DetectionSettings settings(String yaml) {
        ConfigProblems problems = new ConfigProblems();
        DetectionSettings settings = DetectionSettings.read(ConfigDocument.parse(yaml, "outflow.yaml"), null,
                problems);
        assertThat(problems.all()).as("configuration problems").isEmpty();
        return settings;
    }

    private static final String ENTRIES = """
            allowlist:
              builtin: {aksRequired: false, azureMonitor: false}
              entries:
                - name: apex-only
                  domains: [example.com]
                  reason: r
                  owner: o
                - name: subdomains-only
                  domains: ["*.example.org"]
                  reason: r
                  owner: o
                - name: partner-range
                  cidrs: [203.0.113.0/24]
                  ports: [22, 8000-8100]
                  reason: r
                  owner: o
                - name: shop-checkout-only
                  domains: [stripe.com, "*.stripe.com"]
                  namespace: shop
                  workload: checkout
                  reason: r
                  owner: o
                - name: beacons-from-batch
                  domains: ["*.metricsvendor.io"]
                  detectors: [beaconing]
                  namespace: batch
                  reason: r
                  owner: o
                - name: expiring
                  domains: [temporary.example.net]
                  reason: r
                  owner: o
                  expires: 2026-06-30
            """;

    @Test
    void exactEntriesDoNotCoverSubdomainsAndWildcardsDoNotCoverTheApex() {
        AlertPolicy policy = settings(ENTRIES).policy();
        assertThat(policy.review(newFqdn("shop", "web", "example.com"))).isEmpty();
        assertThat(policy.review(newFqdn("shop", "web", "www.example.com"))).isPresent();
        assertThat(policy.review(newFqdn("shop", "web", "api.example.org"))).isEmpty();
        assertThat(policy.review(newFqdn("shop", "web", "example.org"))).isPresent();
    }

    @Test
    void cidrAndPortsMustBothHold() {
        AlertPolicy policy = settings(ENTRIES).policy();
        assertThat(policy.review(alert("beaconing", "shop", "web", null, "203.0.113.9", 22, Severity.medium, 1, T)))
                .isEmpty();
        assertThat(policy.review(alert("beaconing", "shop", "web", null, "203.0.113.9", 8080, Severity.medium, 1, T)))
                .isEmpty();
        assertThat(policy.review(alert("beaconing", "shop", "web", null, "203.0.113.9", 443, Severity.medium, 1, T)))
                .isPresent();
        assertThat(policy.review(alert("beaconing", "shop", "web", null, "203.0.114.9", 22, Severity.medium, 1, T)))
                .isPresent();
    }

    @Test
    void scopedEntriesApplyOnlyToTheirNamespaceWorkloadAndDetectors() {
        AlertPolicy policy = settings(ENTRIES).policy();
        assertThat(policy.review(newFqdn("shop", "checkout", "api.stripe.com"))).isEmpty();
        assertThat(policy.review(newFqdn("shop", "checkout", "stripe.com"))).isEmpty();
        assertThat(policy.review(newFqdn("shop", "web", "api.stripe.com"))).isPresent();
        assertThat(policy.review(newFqdn("blog", "checkout", "api.stripe.com"))).isPresent();
        assertThat(policy.review(alert("beaconing", "batch", "job", "eu.metricsvendor.io", null, 443, Severity.low, 1,
                T))).isEmpty();
        assertThat(policy.review(alert("new_fqdn", "batch", "job", "eu.metricsvendor.io", null, 443, Severity.low, 1,
                T))).isPresent();
        assertThat(policy.review(alert("beaconing", null, null, "eu.metricsvendor.io", null, 443, Severity.low, 1,
                T))).isPresent();
    }

    @Test
    void expiryIsJudgedAgainstTheAlertsEventTimeAndCounted() {
        AlertPolicy policy = settings(ENTRIES).policy();
        Instant lastDay = Instant.parse("2026-06-30T23:59:59.999Z");
        Instant after = Instant.parse("2026-07-01T00:00:00Z");
        assertThat(policy.review(alert("new_fqdn", "shop", "web", "temporary.example.net", null, 443, Severity.low, 1,
                lastDay))).isEmpty();
        assertThat(policy.review(alert("new_fqdn", "shop", "web", "temporary.example.net", null, 443, Severity.low, 1,
                after))).isPresent();
        assertThat(policy.tallies()).containsEntry("expiring", new AlertPolicy.Tally(1, 0, 1));
    }

    @Test
    void talliesCountAlertsAndRevisionsPerEntry() {
        AlertPolicy policy = settings(ENTRIES).policy();
        policy.review(newFqdn("shop", "web", "example.com"));
        policy.review(alert("new_fqdn", "shop", "web", "example.com", null, 443, Severity.low, 2, T));
        policy.review(alert("new_fqdn", "shop", "web", "example.com", null, 443, Severity.low, 3, T));
        policy.review(newFqdn("shop", "web", "a.example.org"));
        Map<String, AlertPolicy.Tally> tallies = policy.tallies();
        assertThat(tallies).containsOnlyKeys("apex-only", "subdomains-only");
        assertThat(tallies.get("apex-only")).isEqualTo(new AlertPolicy.Tally(1, 2, 0));
        assertThat(tallies.get("subdomains-only")).isEqualTo(new AlertPolicy.Tally(1, 0, 0));
    }

    @Test
    void suppressionsAndSeverityOverrides() {
        AlertPolicy policy = settings("""
                allowlist: {builtin: {aksRequired: false, azureMonitor: false}}
                suppressions:
                  - name: backup
                    detectors: [bandwidth_spike]
                    namespace: backup
                    reason: r
                    owner: o
                  - name: quiet-low
                    detectors: [new_fqdn]
                    severityBelow: medium
                    namespace: ci
                    reason: r
                    owner: o
                severityOverrides:
                  - name: first
                    detectors: [beaconing]
                    namespace: batch
                    severity: high
                    reason: r
                    owner: o
                  - name: second
                    detectors: [beaconing]
                    severity: informational
                    reason: r
                    owner: o
                """).policy();
        assertThat(policy.review(alert("bandwidth_spike", "backup", "velero", null, "1.2.3.4", 443, Severity.high, 1,
                T))).isEmpty();
        assertThat(policy.review(alert("bandwidth_spike", "shop", "web", null, "1.2.3.4", 443, Severity.high, 1, T)))
                .isPresent();
        assertThat(policy.review(newFqdn("ci", "build", "x.example.com"))).isEmpty();
        assertThat(policy.review(alert("new_fqdn", "ci", "build", "x.example.com", null, 443, Severity.medium, 1, T)))
                .isPresent();
        Optional<Alert> batch = policy.review(alert("beaconing", "batch", "job", "c2.example", null, 443,
                Severity.medium, 1, T));
        assertThat(batch).map(Alert::getSeverity).contains(Severity.high);
        Optional<Alert> other = policy.review(alert("beaconing", "shop", "web", "c2.example", null, 443,
                Severity.medium, 1, T));
        assertThat(other).map(Alert::getSeverity).contains(Severity.informational);
    }

    @Test
    void builtinProfilesCoverAksAndAzureMonitorAndCanBeSwitchedOff() {
        AlertPolicy defaults = DetectionSettings.defaults().policy();
        for (String fqdn : new String[] {"mcr.microsoft.com", "eastus.data.mcr.microsoft.com",
            "myaks-dns-1a2b3c4d.hcp.westeurope.azmk8s.io", "management.azure.com", "login.microsoftonline.com",
            "packages.microsoft.com", "acs-mirror.azureedge.net", "1a2b.ods.opinsights.azure.com",
            "1a2b.oms.opinsights.azure.com", "westeurope.monitoring.azure.com", "dc.services.visualstudio.com"}) {
            assertThat(defaults.review(newFqdn("kube-system", "ama-logs", fqdn))).as(fqdn).isEmpty();
        }
        assertThat(defaults.review(alert("new_fqdn", null, null, "ntp.ubuntu.com", null, 123, Severity.low, 1, T)))
                .isEmpty();
        assertThat(defaults.review(newFqdn("shop", "web", "microsoft.com.attacker.example"))).isPresent();
        assertThat(defaults.tallies()).containsKey("builtin:aksRequired/microsoft-container-registry");
        AlertPolicy off = settings("allowlist: {builtin: {aksRequired: false}}").policy();
        assertThat(off.review(newFqdn("kube-system", "x", "mcr.microsoft.com"))).isPresent();
        assertThat(off.review(newFqdn("kube-system", "x", "1a2b.ods.opinsights.azure.com"))).isEmpty();
    }
}
