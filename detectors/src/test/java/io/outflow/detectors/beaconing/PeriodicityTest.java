package io.outflow.detectors.beaconing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeriodicityTest {
    private final Periodicity periodicity = new Periodicity(10, 3600, 0.3, 3.0, 0.6);

    @Test
    void findsAnHourlyPeriodUnderThirtyPercentJitter() {
        Random random = new Random(7);
        long[] times = renewal(random, 3_600_000, 0.3, 72, 0);
        Periodicity.Result r = periodicity.measure(times, times.length, 0, times[times.length - 1] + 3_600_000);
        assertThat(r.score()).isGreaterThan(0.6);
        assertThat(r.periodSeconds()).isBetween(3000.0, 4300.0);
    }

    @Test
    void aBeaconKeepsItsPeriodWithOtherTrafficMixedIn() {
        Random random = new Random(11);
        long[] beacon = renewal(random, 600_000, 0.1, 100, random.nextInt(600_000));
        long[] other = poisson(random, 2_400_000, 60_000_000L);
        long[] all = merge(beacon, other);
        Periodicity.Result r = periodicity.measure(all, all.length, 0, 60_000_000L);
        assertThat(r.score()).isGreaterThan(0.5);
        assertThat(r.periodSeconds()).isCloseTo(600, within(90.0));
    }

    @Test
    void staysSilentWhenTrafficIsTooDenseForTheTolerance() {
        Random random = new Random(13);
        long[] all = merge(renewal(random, 600_000, 0.1, 100, 1), renewal(random, 600_000, 0.1, 100, 200_000),
                renewal(random, 600_000, 0.1, 100, 400_000));
        // three interleaved clocks put a connection in every ±30 % window: timing at 600 s cannot be told from chance
        Periodicity.Result r = periodicity.measure(all, all.length, 0, 60_000_000L, 600);
        assertThat(r.periodSeconds()).isNotCloseTo(600, within(60.0));
    }

    @Test
    void randomTrafficScoresNearZeroOnEveryCandidate() {
        Random random = new Random(3);
        int high = 0;
        for (int trial = 0; trial < 200; trial++) {
            long[] times = poisson(random, 120_000, 86_400_000L);
            Periodicity.Result r = periodicity.measure(times, times.length, 0, 86_400_000L);
            if (r.score() > 0.3) {
                high++;
            }
        }
        assertThat(high).isLessThanOrEqualTo(2);
    }

    @Test
    void aDailyRhythmIsNotAPeriod() {
        Random random = new Random(5);
        long day = 86_400_000L;
        long[] buffer = new long[100_000];
        int n = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * 20_000;
            if (t >= day) {
                break;
            }
            double rate = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / day);
            if (random.nextDouble() < rate) {
                buffer[n++] = (long) t;
            }
        }
        assertThat(periodicity.measure(buffer, n, 0, day).score()).isLessThan(0.3);
    }

    @Test
    void fewConnectionsCannotScoreHigh() {
        long[] times = {0, 600_000, 1_200_000, 1_800_000};
        assertThat(periodicity.measure(times, times.length, 0, 2_400_000).score()).isLessThan(0.5);
    }

    @Test
    void wilsonBoundIsBelowTheRateAndTightensWithTrials() {
        assertThat(Periodicity.lowerBound(20, 20)).isLessThan(1).isGreaterThan(0.8);
        assertThat(Periodicity.lowerBound(200, 200)).isGreaterThan(Periodicity.lowerBound(20, 20));
        assertThat(Periodicity.lowerBound(0, 10)).isCloseTo(0, within(1e-12));
    }

    static long[] renewal(Random random, long period, double jitter, int count, long offset) {
        long[] times = new long[count];
        double t = offset;
        for (int i = 0; i < count; i++) {
            times[i] = (long) t;
            t += period * (1 + jitter * (2 * random.nextDouble() - 1));
        }
        return times;
    }

    static long[] poisson(Random random, double mean, long end) {
        long[] buffer = new long[(int) (end / mean * 3) + 10];
        int n = 0;
        double t = 0;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * mean;
            if (t >= end) {
                break;
            }
            buffer[n++] = (long) t;
        }
        return Arrays.copyOf(buffer, n);
    }

    static long[] merge(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] all = new long[n];
        int i = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        Arrays.sort(all);
        return all;
    }
}
