package io.outflow.ingest.flowlogs;

import io.outflow.ingest.BodyParser;
import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.SourceRef;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.json.ContractJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every outcome of the bodies fed through {@link BodyParser#standard()}, in order, with per-category counts. */
final class CollectedEntries implements EntrySink {
    final List<FlowEvent> events = new ArrayList<>();
    final List<QuarantineEntry> quarantined = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    final EntryCounts counts = new EntryCounts(this);

    /** Parses one body (a whole PT1H.json document, or one line) the way every source does. */
    static CollectedEntries parse(String body) {
        CollectedEntries entries = new CollectedEntries();
        entries.add(body);
        return entries;
    }

    static CollectedEntries parseFixture(String name) {
        return parse(fixture(name));
    }

    static String fixture(String name) {
        try (InputStream in = CollectedEntries.class.getResourceAsStream("/fixtures/flowlogs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(String body) {
        BodyParser.standard().parse(body.getBytes(StandardCharsets.UTF_8), new SourceRef("test", 0), counts);
    }

    /** The contract JSON of an event without its eventId, which is checked on its own. */
    static String json(FlowEvent event) {
        String json = ContractJson.toJson(event);
        return json.replaceFirst("^\\{\"eventId\":\"[0-9a-f]{32}\",", "{");
    }

    /** Pretty-printed expected JSON made compact: whitespace outside strings removed. */
    static String compact(String pretty) {
        StringBuilder out = new StringBuilder(pretty.length());
        boolean inString = false;
        for (int i = 0; i < pretty.length(); i++) {
            char c = pretty.charAt(i);
            if (c == '"' && (i == 0 || pretty.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    List<String> reasons() {
        return quarantined.stream().map(QuarantineEntry::reason).toList();
    }

    @Override
    public void event(FlowEvent event) {
        events.add(event);
    }

    @Override
    public void quarantine(QuarantineEntry entry) {
        quarantined.add(entry);
    }

    @Override
    public void ignored(String category) {
        ignored.add(category);
    }
}
