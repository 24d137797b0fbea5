package io.outflow.detectors.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.detectors.state.StateInput;
import io.outflow.detectors.state.StateOutput;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeenEventsTest {
    private static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    private static final String A = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final String B = "aa1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void secondDeliveryIsRecognised() {
        SeenEvents seen = new SeenEvents();
        assertThat(seen.add(A, T)).isTrue();
        assertThat(seen.add(A, T)).isFalse();
        assertThat(seen.add(B, T)).isTrue();
        assertThat(seen.size()).isEqualTo(2);
    }

    @Test
    void forgetsWhatCanNoLongerArriveOnTime() {
        SeenEvents seen = new SeenEvents();
        seen.add(A, T);
        seen.add(B, T.plusSeconds(60));
        seen.forgetBefore(T.plusSeconds(60));
        assertThat(seen.contains(A)).isFalse();
        assertThat(seen.contains(B)).isTrue();
    }

    @Test
    void capEvictsTheEarliestAndCountsIt() {
        SeenEvents seen = new SeenEvents(2);
        seen.add("event-3", T.plusSeconds(3));
        seen.add("event-1", T.plusSeconds(1));
        seen.add("event-2", T.plusSeconds(2));
        assertThat(seen.contains("event-1")).isFalse();
        assertThat(seen.contains("event-2")).isTrue();
        assertThat(seen.contains("event-3")).isTrue();
        assertThat(seen.evicted()).isEqualTo(1);
    }

    @Test
    void encodingIsCanonicalAndRestores() {
        SeenEvents one = new SeenEvents();
        one.add(A, T.plusSeconds(5));
        one.add(B, T);
        SeenEvents other = new SeenEvents();
        other.add(B, T);
        other.add(A, T.plusSeconds(5));
        byte[] bytes = StateOutput.encode(1, one::write);
        assertThat(bytes).isEqualTo(StateOutput.encode(1, other::write));
        SeenEvents restored = SeenEvents.read(StateInput.decode(bytes), 10);
        assertThat(restored.contains(A)).isTrue();
        assertThat(restored.contains(B)).isTrue();
        assertThat(restored.earliest()).isEqualTo(T);
    }

    @Test
    void hexIdsUseTheirFirst64Bits() {
        assertThat(SeenEvents.idOf("00000000000000ff" + "ffffffffffffffff")).isEqualTo(255L);
        assertThat(SeenEvents.idOf("not-hex")).isNotEqualTo(SeenEvents.idOf("not-hex2"));
    }

    /**
     * Random adds, duplicates, forgetting and a small cap against the obvious model (ids sorted by time, then id):
     * same answers, same evictions, same earliest time.
     */
    @Test
    void answersLikeAMemorySortedByTimeThenId() {
        Random random = new Random(3);
        SeenEvents seen = new SeenEvents(50);
        Map<Long, Long> timeById = new HashMap<>();
        TreeMap<long[], Boolean> byTime = new TreeMap<>(Comparator.<long[]>comparingLong(e -> e[0])
                .thenComparingLong(e -> e[1]));
        long evicted = 0;
        long now = 0;
        for (int step = 0; step < 50_000; step++) {
            now += random.nextInt(200);
            String eventId = String.format("%016x%016x", random.nextInt(400) - 200L, random.nextLong());
            if (random.nextInt(8) == 0) {
                long watermark = now - 4000;
                seen.forgetBefore(T.plusMillis(watermark));
                while (!byTime.isEmpty() && byTime.firstKey()[0] < watermark) {
                    timeById.remove(byTime.pollFirstEntry().getKey()[1]);
                }
            } else {
                long time = Math.floorDiv(now + random.nextInt(3000) - 1500, 500) * 500; // many equal times
                long id = SeenEvents.idOf(eventId);
                boolean fresh = !timeById.containsKey(id);
                if (fresh) {
                    timeById.put(id, time);
                    byTime.put(new long[] {time, id}, true);
                    if (timeById.size() > 50) {
                        timeById.remove(byTime.pollFirstEntry().getKey()[1]);
                        evicted++;
                    }
                }
                assertThat(seen.add(eventId, T.plusMillis(time))).isEqualTo(fresh);
            }
            assertThat(seen.size()).isEqualTo(timeById.size());
            assertThat(seen.evicted()).isEqualTo(evicted);
            assertThat(seen.earliest()).isEqualTo(byTime.isEmpty() ? null : T.plusMillis(byTime.firstKey()[0]));
        }
        for (long id : timeById.keySet()) {
            assertThat(seen.contains(String.format("%016x", id) + "0".repeat(16))).isTrue();
        }
    }
}
