package io.outflow.ingest;

import io.outflow.schemas.FlowEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Keeps every outcome, in order, for assertions; the factories feed bodies through {@link BodyParser#standard()}. */
public final class CollectingSink implements EntrySink {
    private static final BodyParser PARSER = BodyParser.standard();

    public final List<FlowEvent> events = new ArrayList<>();
    public final List<QuarantineEntry> quarantined = new ArrayList<>();
    public final List<String> ignored = new ArrayList<>();
    /** Every outcome in the order it arrived: a FlowEvent, a QuarantineEntry or an ignored category name. */
    public final List<Object> inOrder = new ArrayList<>();

    /** The outcomes of each body in turn (a whole document, or one line), read from source "test". */
    public static CollectingSink parse(String... bodies) {
        CollectingSink sink = new CollectingSink();
        for (String body : bodies) {
            sink.add("test", body.getBytes(StandardCharsets.UTF_8));
        }
        return sink;
    }

    /** The outcomes of a fixture file as one body; the source is its path below {@code /fixtures/}. */
    public static CollectingSink parseFixture(String path) {
        CollectingSink sink = new CollectingSink();
        sink.add(path, Fixtures.bytes(path));
        return sink;
    }

    /** The outcomes of a JSON Lines fixture, each non-blank line a body, as a log stream delivers them. */
    public static CollectingSink parseFixtureLines(String path) {
        CollectingSink sink = new CollectingSink();
        Fixtures.text(path).lines().filter(line -> !line.isBlank())
                .forEach(line -> sink.add(path, line.getBytes(StandardCharsets.UTF_8)));
        return sink;
    }

    private void add(String source, byte[] body) {
        PARSER.parse(body, new SourceRef(source, 0), this);
    }

    public int outcomes() {
        return inOrder.size();
    }

    public List<String> reasons() {
        return quarantined.stream().map(QuarantineEntry::reason).toList();
    }

    /** What {@link EntryCounts} makes of the outcomes so far, per category. */
    public EntryCounts counts() {
        EntryCounts counts = new EntryCounts(new CollectingSink());
        for (Object outcome : inOrder) {
            if (outcome instanceof FlowEvent event) {
                counts.event(event);
            } else if (outcome instanceof QuarantineEntry entry) {
                counts.quarantine(entry);
            } else {
                counts.ignored((String) outcome);
            }
        }
        return counts;
    }

    @Override
    public void event(FlowEvent event) {
        events.add(event);
        inOrder.add(event);
    }

    @Override
    public void quarantine(QuarantineEntry entry) {
        quarantined.add(entry);
        inOrder.add(entry);
    }

    @Override
    public void ignored(String category) {
        ignored.add(category);
        inOrder.add(category);
    }
}
