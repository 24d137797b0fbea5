package io.outflow.detectors.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdsByTimeTest {

    @Test
    void givesPairsBackByTimeThenIdAndShrinksAsItEmpties() {
        Random random = new Random(4);
        IdsByTime heap = new IdsByTime();
        List<long[]> pushed = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long[] pair = {random.nextInt(500), random.nextLong()}; // many equal times
            heap.push(pair[0], pair[1]);
            pushed.add(pair);
        }
        assertThat(heap.arrayLength()).isGreaterThanOrEqualTo(10_000);
        IdsByTime copy = heap.copy();
        pushed.sort(Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
        for (long[] expected : pushed) {
            assertThat(new long[] {heap.earliestTime(), heap.earliestId()}).isEqualTo(expected);
            heap.removeEarliest();
        }
        assertThat(heap.isEmpty()).isTrue();
        assertThat(heap.arrayLength()).isEqualTo(16);
        assertThat(copy.earliestTime()).isEqualTo(pushed.get(0)[0]);
    }
}
