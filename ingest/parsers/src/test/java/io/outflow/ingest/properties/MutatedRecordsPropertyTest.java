package io.outflow.ingest.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.EntryCounts;
import io.outflow.ingest.EntrySink;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.ingest.files.LogFileReader;
import io.outflow.schemas.FlowEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutates real-format records (our own fixtures) and checks what must hold on any input: nothing escapes as an
 * exception, no record hits an internal parser error, every entry has exactly one outcome, and a broken line costs
 * only itself — a file gives the events of its lines read one by one.
 */
class MutatedRecordsPropertyTest {
    private static final List<byte[]> SEEDS = seeds();
    private static final byte[] ALPHABET = "{}[]\",:\\ \n\t0123456789.-+eE:/aZ\u00e9".getBytes(StandardCharsets.UTF_8);

    /** One edit of one line. */
    record Mutation(int line, int kind, int position, int value, int length) {
        byte[] apply(byte[] input) {
            int at = Math.floorMod(position, input.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (kind) {
                case 0 -> { // delete a run
                    out.write(input, 0, at);
                    int to = Math.min(input.length, at + 1 + length % 8);
                    out.write(input, to, input.length - to);
                }
                case 1 -> { // insert a structural or other character
                    out.write(input, 0, at);
                    out.write(ALPHABET[Math.floorMod(value, ALPHABET.length)]);
                    out.write(input, at, input.length - at);
                }
                case 2 -> { // insert a byte that is not valid UTF-8 on its own
                    out.write(input, 0, at);
                    out.write(0x80 | (value & 0x3f));
                    out.write(input, at, input.length - at);
                }
                case 3 -> { // an absurd number
                    out.write(input, 0, at);
                    out.writeBytes("9".repeat(10 + length * 7).getBytes(StandardCharsets.UTF_8));
                    out.write(input, at, input.length - at);
                }
                case 4 -> { // truncate
                    out.write(input, 0, at);
                }
                case 5 -> { // deep nesting
                    out.write(input, 0, at);
                    out.writeBytes("[".repeat(50 + length * 10).getBytes(StandardCharsets.UTF_8));
                    out.write(input, at, input.length - at);
                }
                default -> { // duplicate a slice
                    int to = Math.min(input.length, at + 1 + length * 13);
                    out.write(input, 0, to);
                    out.write(input, at, to - at);
                    out.write(input, to, input.length - to);
                }
            }
            return out.toByteArray();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                Arbitraries.integers().between(0, SEEDS.size() - 1), Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, 4000), Arbitraries.integers(), Arbitraries.integers().between(0, 40))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = 400)
    void aBrokenLineCostsOnlyItself(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        List<byte[]> lines = new ArrayList<>(SEEDS);
        for (Mutation m : mutations) {
            lines.set(m.line(), m.apply(lines.get(m.line())));
        }

        Outcomes whole = read(join(lines));
        Outcomes oneByOne = new Outcomes();
        for (byte[] line : lines) {
            Outcomes alone = read(line);
            oneByOne.eventIds.addAll(alone.eventIds);
            oneByOne.quarantined += alone.quarantined;
            oneByOne.ignored += alone.ignored;
        }

        assertThat(whole.internalErrors).isEmpty();
        assertThat(whole.eventIds).containsExactlyInAnyOrderElementsOf(oneByOne.eventIds);
        // adjacent broken lines may be quarantined as one piece ("the text up to the next body"), never more
        assertThat(whole.quarantined).isBetween(Math.min(1, oneByOne.quarantined), oneByOne.quarantined);
        assertThat(whole.ignored).isEqualTo(oneByOne.ignored);
        assertThat(whole.counted).isEqualTo(whole.eventIds.size() + whole.quarantined + whole.ignored);
    }

    @Property(tries = 300)
    void everyQuarantineEntryNamesAReasonAndKeepsABoundedExcerpt(@ForAll("mutations") List<Mutation> mutations)
            throws IOException {
        byte[] input = SEEDS.get(mutations.get(0).line());
        for (Mutation m : mutations) {
            input = m.apply(input);
        }
        List<QuarantineEntry> entries = new ArrayList<>();
        LogFileReader.standard().read(new ByteArrayInputStream(input), "mutated.jsonl", new EntrySink() {
            @Override
            public void event(FlowEvent event) {
                assertThat(event.getEventId()).hasSize(32);
                assertThat(event.getCategory()).isNotBlank();
            }

            @Override
            public void quarantine(QuarantineEntry entry) {
                entries.add(entry);
            }

            @Override
            public void ignored(String category) {
            }
        });
        for (QuarantineEntry entry : entries) {
            assertThat(entry.reason()).isNotBlank().doesNotStartWith("internal parser error");
            assertThat(entry.raw().length()).isLessThanOrEqualTo(4096);
            assertThat(entry.rawSha256()).hasSize(64);
            assertThat(entry.offset()).isBetween(0L, (long) input.length);
        }
    }

    private static final class Outcomes {
        final List<String> eventIds = new ArrayList<>();
        final List<String> internalErrors = new ArrayList<>();
        long quarantined;
        long ignored;
        long counted;
    }

    private static Outcomes read(byte[] input) throws IOException {
        Outcomes outcomes = new Outcomes();
        EntryCounts counts = new EntryCounts(new EntrySink() {
            @Override
            public void event(FlowEvent event) {
                outcomes.eventIds.add(event.getEventId());
            }

            @Override
            public void quarantine(QuarantineEntry entry) {
                outcomes.quarantined++;
                if (entry.reason().startsWith("internal parser error")) {
                    outcomes.internalErrors.add(entry.reason());
                }
            }

            @Override
            public void ignored(String category) {
                outcomes.ignored++;
            }
        });
        LogFileReader.standard().read(new ByteArrayInputStream(input), "mutated.jsonl", counts);
        outcomes.counted = counts.entries();
        return outcomes;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static List<byte[]> seeds() {
        try (InputStream in = MutatedRecordsPropertyTest.class.getResourceAsStream("/fixtures/properties/seeds.jsonl")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
