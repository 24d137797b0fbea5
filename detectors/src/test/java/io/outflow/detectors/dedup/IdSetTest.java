package io.outflow.detectors.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void answersLikeAHashSetThroughGrowthAndRemovals() {
        Random random = new Random(5);
        IdSet ids = new IdSet();
        Set<Long> model = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            // few distinct ids, 0 among them, so that probes collide, wrap around and removals shift entries back
            long id = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(3000) * 0x1_0000_0000L;
            switch (random.nextInt(3)) {
                case 0 -> assertThat(ids.add(id)).as("add %d", id).isEqualTo(model.add(id));
                case 1 -> assertThat(ids.remove(id)).as("remove %d", id).isEqualTo(model.remove(id));
                default -> assertThat(ids.contains(id)).as("contains %d", id).isEqualTo(model.contains(id));
            }
            assertThat(ids.size()).isEqualTo(model.size());
        }
        for (long id : model) {
            assertThat(ids.contains(id)).isTrue();
        }
    }

    @Test
    void zeroIsAnIdLikeAnyOther() {
        IdSet ids = new IdSet();
        assertThat(ids.contains(0)).isFalse();
        assertThat(ids.add(0)).isTrue();
        assertThat(ids.add(0)).isFalse();
        assertThat(ids.size()).isEqualTo(1);
        assertThat(ids.remove(0)).isTrue();
        assertThat(ids.contains(0)).isFalse();
        assertThat(ids.size()).isZero();
    }

    @Test
    void shrinksBackAfterABurst() {
        IdSet ids = new IdSet();
        for (long id = 1; id <= 10_000; id++) {
            ids.add(id * 7919);
        }
        assertThat(ids.tableLength()).isGreaterThanOrEqualTo(20_000);
        for (long id = 11; id <= 10_000; id++) {
            assertThat(ids.remove(id * 7919)).isTrue();
        }
        assertThat(ids.tableLength()).isLessThanOrEqualTo(128);
        for (long id = 1; id <= 10_000; id++) {
            assertThat(ids.contains(id * 7919)).isEqualTo(id <= 10);
        }
    }
}
