package io.outflow.detectors.settings;

import io.outflow.config.ConfigNode;
import io.outflow.config.ConfigProblems;
import io.outflow.schemas.Alert;
import io.outflow.schemas.Severity;
import java.time.Instant;
import java.util.Locale;

/**
 * A suppression rule: alerts in its scope (and, when {@code severityBelow} is given, of a lower severity) are not
 * raised. For expected destinations use an allowlist entry; a suppression silences by who raised what.
 *
 * @param id the rule's {@code name}, else its key path
 * @param scope detectors, cluster, namespace, workload, node
 * @param severityBelow only alerts below this severity are suppressed; null: any severity
 * @param reason why
 * @param owner who decided
 * @param expires when it stops applying (judged against the alert's windowEnd), or null
 * @param line where it was written
 */
public record SuppressionRule(String id, AlertScope scope, Severity severityBelow, String reason, String owner,
                              Instant expires, int line) {

    public boolean covers(Alert alert) {
        return scope.matches(alert)
                && (severityBelow == null || alert.getSeverity().ordinal() < severityBelow.ordinal());
    }

    public boolean expiredAt(Instant time) {
        return expires != null && !time.isBefore(expires);
    }

    public static SuppressionRule read(ConfigNode entry, ConfigProblems problems) {
        int before = problems.all().size();
        String name = RuleParts.text(entry, "name", problems);
        AlertScope scope = RuleParts.scope(entry, problems);
        Severity below = severity(entry, "severityBelow", problems);
        String reason = RuleParts.required(entry, "reason", problems);
        String owner = RuleParts.required(entry, "owner", problems);
        Instant expires = RuleParts.expires(entry, problems);
        if (!scope.isNarrowed() && below == null) {
            problems.add(entry, "needs at least one of detectors, cluster, namespace, workload, node or "
                    + "severityBelow (a rule without conditions would silence everything)");
        }
        entry.rejectUnknownKeys(problems);
        if (problems.all().size() > before) {
            return null;
        }
        return new SuppressionRule(name != null ? name : entry.path(), scope, below, reason, owner, expires,
                entry.line());
    }

    /** Reads a severity name at {@code key} (null when absent or invalid; an invalid one is a problem). */
    public static Severity severity(ConfigNode entry, String key, ConfigProblems problems) {
        String text = entry.string(key, null, problems);
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(entry.get(key), "must be one of informational, low, medium, high, got '" + text + "'");
            return null;
        }
    }
}
