package io.outflow.ingest;

import io.outflow.ingest.json.JsonObject;

/**
 * Turns one record of a log family into entries. A firewall record or Hubble line is one entry; a flow-log record
 * holds one entry per tuple. Gives exactly one outcome per entry to the sink and never throws on any input.
 */
public interface RecordParser {
    /** The categories this parser reads, as they appear in the envelope (matched case-insensitively). */
    java.util.Set<String> categories();

    void parse(JsonObject record, String category, RecordContext context, EntrySink sink);
}
