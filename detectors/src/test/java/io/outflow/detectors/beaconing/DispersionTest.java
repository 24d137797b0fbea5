package io.outflow.detectors.beaconing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DispersionTest {

    @Test
    void constantIntervalsScoreOne() {
        double[] v = {60, 60, 60, 60, 60, 60};
        Dispersion d = Dispersion.of(v, v.length, 1, 0.1);
        assertThat(d.median()).isEqualTo(60);
        assertThat(d.mad()).isZero();
        assertThat(d.skew()).isZero();
        assertThat(d.score()).isEqualTo(1.0);
    }

    @Test
    void quartilesAreInterpolatedAndMadIsAboutTheMedian() {
        double[] v = {1, 2, 3, 4, 100};
        Dispersion d = Dispersion.of(v, v.length, 0, 0);
        assertThat(d.q1()).isEqualTo(2);
        assertThat(d.median()).isEqualTo(3);
        assertThat(d.q3()).isEqualTo(4);
        // deviations 2,1,0,1,97 -> median 1
        assertThat(d.mad()).isEqualTo(1);
        assertThat(d.madScore()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void rightSkewedSampleLosesSkewScoreShrunkForSmallSamples() {
        double[] v = {10, 11, 12, 13, 30, 31, 32, 33, 100, 110, 120, 130};
        Dispersion d = Dispersion.of(v, v.length, 0, 0);
        double raw = (d.q1() + d.q3() - 2 * d.median()) / (d.q3() - d.q1());
        assertThat(raw).isPositive();
        assertThat(d.skew()).isCloseTo(raw * 12 / (12 + Dispersion.SKEW_SHRINKAGE), within(1e-12));
        assertThat(d.skewScore()).isLessThan(1);
    }

    @Test
    void skewOfATinySpreadIsNoise() {
        double[] v = {59.8, 60, 60.1, 60.4, 60.2, 61.5};
        assertThat(Dispersion.of(v, v.length, 1, 0.1).skew()).isZero();
        assertThat(Dispersion.of(v, v.length, 0, 0).skew()).isNotZero();
    }

    @Test
    void widelySpreadSamplesScoreLow() {
        double[] v = {1, 10, 100, 1000, 10000};
        assertThat(Dispersion.of(v, v.length, 0, 0).madScore()).isLessThan(0.05);
    }

    @Test
    void emptySampleScoresZero() {
        assertThat(Dispersion.of(new double[0], 0, 0, 0).score()).isZero();
    }

    @Test
    void usesOnlyTheLeadingValues() {
        double[] v = {5, 5, 5, 1000, 1000};
        assertThat(Dispersion.of(v, 3, 0, 0).score()).isEqualTo(1.0);
    }
}
