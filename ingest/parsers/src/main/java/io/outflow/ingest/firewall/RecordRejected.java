package io.outflow.ingest.firewall;

/**
 * A firewall record that cannot give an event. Its message is the quarantine reason: the category, the field and the
 * problem ("AZFWNetworkRule: SourceIp 'x' is not an IP address"). Carries no stack trace: it is an outcome, not a bug.
 */
final class RecordRejected extends Exception {
    private static final long serialVersionUID = 1L;

    RecordRejected(String reason) {
        super(reason, null, false, false);
    }
}
