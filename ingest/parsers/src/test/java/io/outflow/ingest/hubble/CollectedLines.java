package io.outflow.ingest.hubble;

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

/** Every outcome of Hubble lines fed one by one (each line is a body) through {@link BodyParser#standard()}. */
final class CollectedLines implements EntrySink {
    final List<FlowEvent> events = new ArrayList<>();
    final List<QuarantineEntry> quarantined = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    final EntryCounts counts = new EntryCounts(this);

    static CollectedLines parse(String... lines) {
        CollectedLines collected = new CollectedLines();
        BodyParser parser = BodyParser.standard();
        for (String line : lines) {
            parser.parse(line.getBytes(StandardCharsets.UTF_8), new SourceRef("test.jsonl", 0), collected.counts);
        }
        return collected;
    }

    /** Parses every non-blank line of a JSON Lines fixture. */
    static CollectedLines parseFixture(String name) {
        return parse(fixture(name).lines().filter(line -> !line.isBlank()).toArray(String[]::new));
    }

    static String fixture(String name) {
        try (InputStream in = CollectedLines.class.getResourceAsStream("/fixtures/hubble/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract JSON of an event without its eventId, which is checked on its own. */
    static String json(FlowEvent event) {
        return ContractJson.toJson(event).replaceFirst("^\\{\"eventId\":\"[0-9a-f]{32}\",", "{");
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
