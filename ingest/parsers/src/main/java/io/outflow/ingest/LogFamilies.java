package io.outflow.ingest;

import io.outflow.ingest.firewall.LegacyFirewallParser;
import io.outflow.ingest.firewall.StructuredFirewallParser;
import io.outflow.ingest.flowlogs.NsgFlowLogParser;
import io.outflow.ingest.flowlogs.VnetFlowLogParser;
import io.outflow.ingest.hubble.HubbleFlowParser;
import java.util.List;

/** The parser of every supported log family. */
public final class LogFamilies {
    private LogFamilies() {
    }

    public static List<RecordParser> parsers() {
        return List.of(
                new StructuredFirewallParser(),
                new LegacyFirewallParser(),
                new VnetFlowLogParser(),
                new NsgFlowLogParser(),
                new HubbleFlowParser()
        );
    }
}
