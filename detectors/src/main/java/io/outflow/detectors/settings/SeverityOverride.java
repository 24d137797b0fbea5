package io.outflow.detectors.settings;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Severity;
import java.time.Instant;

/**
 * Sets the severity of alerts in its scope (e.g. new_fqdn alerts of a batch namespace to informational). The first
 * matching override in file order wins.
 *
 * @param id the override's {@code name}, else its key path
 * @param scope detectors, cluster, namespace, workload, node
 * @param severity the severity to set
 * @param reason why
 * @param owner who decided
 * @param expires when it stops applying (judged against the alert's windowEnd), or null
 * @param line where it was written
 */
public record SeverityOverride(String id, AlertScope scope, Severity severity, String reason, String owner,
                               Instant expires, int line) {

    public boolean covers(Alert alert) {
        return scope.matches(alert);
    }

    public boolean expiredAt(Instant time) {
        return expires != null && !time.isBefore(expires);
    }

    public static SeverityOverride read(ConfigNode entry, ConfigProblems problems) {
        int before = problems.all().size();
        String name = RuleParts.text(entry, "name", problems);
        AlertScope scope = RuleParts.scope(entry, problems);
        Severity severity = SuppressionRule.severity(entry, "severity", problems);
        if (severity == null && entry.get("severity") == null) {
            problems.add(entry.childPath("severity"), "is required", entry.file(), entry.line());
        }
        String reason = RuleParts.required(entry, "reason", problems);
        String owner = RuleParts.required(entry, "owner", problems);
        Instant expires = RuleParts.expires(entry, problems);
        if (!scope.isNarrowed()) {
            problems.add(entry, "needs at least one of detectors, cluster, namespace, workload or node");
        }
        entry.rejectUnknownKeys(problems);
        if (problems.all().size() > before) {
            return null;
        }
        return new SeverityOverride(name != null ? name : entry.path(), scope, severity, reason, owner, expires,
                entry.line());
    }
}
