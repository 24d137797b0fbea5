package io.outflow.replay.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.replay.input.InputSource;
import io.outflow.replay.input.LocalFileInput;
import io.outflow.replay.testing.FirewallLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTimeMergeTest {
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Duration LATENESS = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void interleavesInputsByEventTimeSoThatAnInputReadFirstDoesNotMakeAnotherLate() throws Exception {
        // two partitions' exports, each covering the same two hours
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int minute = 0; minute < 120; minute += 2) {
            a.add(record(minute, "10.0.0.1"));
            b.add(record(minute + 1, "10.0.0.2"));
        }
        List<InputSource> inputs = List.of(input("p0.jsonl", a), input("p1.jsonl.gz", b));

        List<ReplayItem> flows = flows(merge(inputs, TimeRange.ALL));

        assertThat(flows).hasSize(120).noneMatch(ReplayItem::late);
        assertThat(flows).extracting(i -> i.flow().getTime()).isSorted();
    }

    @Test
    void keepsEachInputsOwnOrderAndMarksOnlyItsOwnDisorderBeyondTheLatenessAsLate() throws Exception {
        // minute 30 then minute 5: 25 minutes of disorder inside one input, beyond the 10 minute lateness
        InputSource a = input("a.jsonl", List.of(record(0, "10.0.0.1"), record(30, "10.0.0.1"),
                record(5, "10.0.0.1"), record(40, "10.0.0.1")));
        InputSource b = input("b.jsonl", List.of(record(1, "10.0.0.2"), record(29, "10.0.0.2"),
                record(31, "10.0.0.2")));

        List<ReplayItem> flows = flows(merge(List.of(b, a), TimeRange.ALL));

        assertThat(flows).extracting(i -> minuteOf(i) + (i.late() ? "L" : "")).containsExactly(
                "0", "1", "29", "30", "5L", "31", "40");
        assertThat(flows.get(4).watermark()).isEqualTo(T0.plus(Duration.ofMinutes(20)).toEpochMilli());
    }

    @Test
    void aFlowIsLateExactlyWhenItWouldBeLateInItsOwnInputAlone() throws Exception {
        Random random = new Random(42);
        int lateSeen = 0;
        for (int round = 0; round < 20; round++) {
            List<InputSource> inputs = new ArrayList<>();
            Map<String, Boolean> lateAlone = new HashMap<>();
            int files = 1 + random.nextInt(5);
            for (int f = 0; f < files; f++) {
                List<String> records = new ArrayList<>();
                int start = random.nextInt(120);
                int count = 1 + random.nextInt(40);
                for (int i = 0; i < count; i++) {
                    int minute = start + i * 2 + random.nextInt(3) - (random.nextInt(8) == 0 ? 15 + random.nextInt(20) : 0);
                    records.add(record(Math.max(0, minute), "10.1." + f + "." + i));
                }
                InputSource input = input("r" + round + "-f" + f + ".jsonl", records);
                inputs.add(input);
                for (ReplayItem alone : flows(merge(List.of(input), TimeRange.ALL))) {
                    lateAlone.put(alone.flow().getEventId(), alone.late());
                }
            }
            Collections.shuffle(inputs, random);

            List<ReplayItem> merged = flows(merge(inputs, TimeRange.ALL));

            assertThat(merged).hasSize(lateAlone.size());
            for (ReplayItem item : merged) {
                assertThat(item.late()).as("round %d, %s", round, item).isEqualTo(lateAlone.get(item.flow().getEventId()));
                lateSeen += item.late() ? 1 : 0;
            }
        }
        assertThat(lateSeen).as("the inputs must exercise late flows").isGreaterThan(10);
    }

    @Test
    void opensAnInputOnlyWhenTheMergedStreamReachesItsFirstFlow() throws Exception {
        List<InputSource> hourly = new ArrayList<>();
        List<Integer> opened = Collections.synchronizedList(new ArrayList<>());
        for (int hour = 0; hour < 6; hour++) {
            List<String> records = new ArrayList<>();
            for (int minute = 0; minute < 60; minute += 5) {
                records.add(record(hour * 60 + minute, "10.0.0." + hour));
            }
            InputSource file = input("h" + hour + ".jsonl", records);
            int index = hour;
            hourly.add(new Watched(file, () -> opened.add(index)));
        }

        try (EventTimeMerge merge = EventTimeMerge.open(hourly, TimeRange.ALL, LATENESS, 2)) {
            int headScans = opened.size();
            List<ReplayItem> first = new ArrayList<>();
            while (first.size() < 13) {
                ReplayItem item = merge.poll();
                if (item.kind() == ReplayItem.Kind.FLOW) {
                    first.add(item);
                }
            }
            // head scans opened each file once; the merge has opened hours 0 and 1 only
            assertThat(headScans).isEqualTo(6);
            assertThat(opened.subList(headScans, opened.size())).containsExactly(0, 1);
        }
    }

    @Test
    void passesQuarantinedEntriesAndCountsEveryEntryOnceInTheTally() throws Exception {
        InputSource good = input("good.jsonl", List.of(record(0, "10.0.0.1"), record(1, "10.0.0.1")));
        InputSource mixed = input("mixed.jsonl", List.of(record(2, "10.0.0.2"), "this is not json",
                "{\"category\":\"AZFWNetworkRuleAggregation\",\"time\":\"2025-03-01T00:03:00Z\"}",
                "{\"category\":\"SomethingNew\",\"time\":\"2025-03-01T00:03:00Z\"}"));
        InputSource empty = input("empty.jsonl", List.of());

        List<ReplayItem> items = merge(List.of(good, mixed, empty), TimeRange.ALL);

        assertThat(items).filteredOn(i -> i.kind() == ReplayItem.Kind.QUARANTINE).hasSize(2);
        ReplayItem last = items.get(items.size() - 1);
        assertThat(last.kind()).isEqualTo(ReplayItem.Kind.TALLY);
        InputTally tally = last.tally();
        assertThat(tally.files()).isEqualTo(3);
        assertThat(tally.events()).isEqualTo(3);
        assertThat(tally.quarantined()).isEqualTo(2);
        assertThat(tally.ignored()).isEqualTo(1);
        assertThat(tally.entries()).isEqualTo(6);
        assertThat(tally.failures()).isEmpty();
        assertThat(last.bytesRead()).isEqualTo(good.size() + mixed.size());
    }

    @Test
    void leavesOutFlowsOutsideTheTimeRangeAndCountsThem() throws Exception {
        List<String> records = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            records.add(record(minute, "10.0.0.1"));
        }
        TimeRange range = TimeRange.of(T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(20)));

        List<ReplayItem> items = merge(List.of(input("a.jsonl", records)), range);

        assertThat(flows(items)).extracting(EventTimeMergeTest::minuteOf)
                .containsExactly("10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
        assertThat(items.get(items.size() - 1).tally().outsideRange()).isEqualTo(50);
    }

    @Test
    void reportsAnInputThatCannotBeReadAndCarriesOnWithTheOthers() throws Exception {
        InputSource good = input("good.jsonl", List.of(record(0, "10.0.0.1")));
        InputSource broken = new InputSource() {
            @Override
            public String name() {
                return "broken.jsonl";
            }

            @Override
            public long size() {
                return 10;
            }

            @Override
            public InputStream open() throws IOException {
                throw new IOException("permission denied");
            }
        };

        List<ReplayItem> items = merge(List.of(good, broken), TimeRange.ALL);

        assertThat(flows(items)).hasSize(1);
        assertThat(items.get(items.size() - 1).tally().failures()).containsExactly("broken.jsonl: permission denied");
    }

    private static String record(int minute, String sourceIp) {
        return FirewallLines.record(T0.plus(Duration.ofMinutes(minute)), sourceIp, "203.0.113.9", 443,
                40000 + minute);
    }

    private static String minuteOf(ReplayItem item) {
        return Long.toString(Duration.between(T0, item.flow().getTime()).toMinutes());
    }

    private InputSource input(String name, List<String> records) throws IOException {
        return LocalFileInput.of(FirewallLines.write(dir.resolve(name), records));
    }

    static List<ReplayItem> merge(List<InputSource> inputs, TimeRange range) throws InterruptedException {
        List<ReplayItem> items = new ArrayList<>();
        try (EventTimeMerge merge = EventTimeMerge.open(inputs, range, LATENESS, 2)) {
            for (ReplayItem item = merge.poll(); item != null; item = merge.poll()) {
                if (item.kind() != ReplayItem.Kind.PROGRESS) {
                    items.add(item);
                }
            }
        }
        return items;
    }

    static List<ReplayItem> flows(List<ReplayItem> items) {
        return items.stream().filter(i -> i.kind() == ReplayItem.Kind.FLOW).toList();
    }

    /** An input that reports every time it is opened. */
    private record Watched(InputSource inner, Runnable onOpen) implements InputSource {
        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public InputStream open() throws IOException {
            onOpen.run();
            return inner.open();
        }
    }
}
