package io.outflow.detectors.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupHeapTest {
    private record Entry(long key, Group group) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::key)
            .thenComparing(e -> e.group().order());

    @Test
    void popsByKeyThenTupleText() {
        Random random = new Random(9);
        GroupHeap heap = new GroupHeap();
        List<Entry> pushed = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // few keys and ports: many ties, and port 5 sorts after port 40 as text
            Group group = new Group(new TupleKey("c", "10.0.0.1", random.nextInt(50), 443, "TCP"));
            long key = random.nextInt(100);
            heap.push(key, group);
            pushed.add(new Entry(key, group));
        }
        pushed.sort(ORDER);
        List<Entry> popped = new ArrayList<>();
        while (!heap.isEmpty()) {
            popped.add(new Entry(heap.topKey(), heap.top()));
            heap.pop();
        }
        assertThat(popped).extracting(Entry::key).containsExactlyElementsOf(pushed.stream().map(Entry::key).toList());
        assertThat(heap.arrayLength()).as("shrunk back").isEqualTo(16);
        assertThat(popped).extracting(e -> e.group().order())
                .containsExactlyElementsOf(pushed.stream().map(e -> e.group().order()).toList());
    }

    @Test
    void retainKeepsTheOrderOfWhatItKeeps() {
        GroupHeap heap = new GroupHeap();
        for (int key = 100; key > 0; key--) {
            heap.push(key, new Group(new TupleKey("c", "10.0.0.1", key, 443, "TCP")));
        }
        heap.retain((key, group) -> key % 3 == 0);
        List<Long> keys = new ArrayList<>();
        while (!heap.isEmpty()) {
            keys.add(heap.topKey());
            heap.pop();
        }
        assertThat(keys).hasSize(33).isSorted().allMatch(k -> k % 3 == 0);
    }
}
