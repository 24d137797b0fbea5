package io.outflow.ingest;

import io.outflow.ingest.firewall.LegacyFirewallParser;
import io.outflow.ingest.firewall.StructuredFirewallParser;
import java.util.List;

/** The parser of every supported log family. */
public final class LogFamilies {
    private LogFamilies() {
    }

    public static List<RecordParser> parsers() {
        return List.of(
                new StructuredFirewallParser(),
                new LegacyFirewallParser()
        );
    }
}
