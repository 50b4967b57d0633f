package org.dynnd.governor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SlowdownFilterTest {

    private static final double R = 0.0025 / 4; // four inferences of 5% spread per period

    private static SlowdownFilter dynndFilter() {
        ControllerConfig c = ControllerConfig.defaults();
        return new SlowdownFilter(c.levelNoise(), c.slopeNoise(), c.jumpSigmas(), 5e-4);
    }

    @Test
    void convergesWithinOnePeriodAfterAStep() {
        SlowdownFilter f = dynndFilter();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 50; i++) {
            f.update(Math.sqrt(R) * rnd.nextGaussian(), R);
        }
        assertThat(f.factor()).isCloseTo(1.0, within(0.03));
        f.update(Math.log(1.7), R); // a co-runner starts
        assertThat(f.jumped()).isTrue();
        assertThat(f.factor()).isCloseTo(1.7, within(0.05));
        for (int i = 0; i < 3; i++) {
            f.update(Math.log(1.7) + Math.sqrt(R) * rnd.nextGaussian(), R);
        }
        assertThat(f.factor()).isCloseTo(1.7, within(0.06));
    }

    @Test
    void aPlainKalmanFilterCreepsTowardsAStep() {
        SlowdownFilter alert = new SlowdownFilter(2e-4, 0, Double.POSITIVE_INFINITY, 5e-4);
        for (int i = 0; i < 50; i++) {
            alert.update(0, R);
        }
        alert.update(Math.log(1.7), R);
        assertThat(alert.factor()).isLessThan(1.4);
    }

    @Test
    void tracksARampWithoutSteadyLag() {
        SlowdownFilter trend = dynndFilter();
        SlowdownFilter plain = new SlowdownFilter(1e-5, 0, 3.5, 5e-4);
        SplittableRandom rnd = new SplittableRandom(5);
        double slope = Math.log(1.35) / 500; // the thermal ramp of the sensor-gaps scenario
        double trendBias = 0;
        double plainBias = 0;
        double squares = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            double truth = slope * i;
            double z = truth + Math.sqrt(R) * rnd.nextGaussian();
            trend.update(z, R);
            plain.update(z, R);
            if (i >= 200) {
                trendBias += trend.logMean() - truth;
                plainBias += plain.logMean() - truth;
                squares += (trend.logMean() - truth) * (trend.logMean() - truth);
                n++;
            }
        }
        // The random walk trails the ramp by slope/gain; the trend model does not.
        assertThat(plainBias / n).isLessThan(-0.003);
        assertThat(Math.abs(trendBias / n)).isLessThan(0.002);
        assertThat(Math.sqrt(squares / n)).isLessThan(0.012);
        assertThat(trend.logSlope()).isCloseTo(slope, within(slope * 2));
    }

    @Test
    void aSingleWildReadingIsLeftOutWhenStepsMustBeConfirmed() {
        SlowdownFilter f = new SlowdownFilter(1e-5, 1e-7, 3.5, 5e-4, 2);
        for (int i = 0; i < 30; i++) {
            f.update(0, 4e-4);
        }
        f.update(Math.log(1.5), 4e-4);
        assertThat(f.factor()).isCloseTo(1.0, within(0.01));
        f.update(Math.log(1.5), 4e-4);
        assertThat(f.jumped()).isTrue();
        assertThat(f.factor()).isCloseTo(1.5, within(0.05));
    }

    @Test
    void coastingKeepsTheEstimateAndBoundsTheDoubt() {
        SlowdownFilter f = dynndFilter();
        f.update(Math.log(1.2), R);
        double level = f.logMean();
        double doubt = Math.max(5e-4, f.logVariance());
        for (int i = 0; i < 10_000; i++) {
            f.coast();
        }
        assertThat(f.logMean()).isEqualTo(level);
        assertThat(f.logVariance()).isLessThanOrEqualTo(doubt);
    }

    @Test
    void normalQuantileMatchesTables() {
        assertThat(NormalQuantile.of(0.99)).isCloseTo(2.3263, within(1e-4));
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-9));
        assertThat(NormalQuantile.of(0.01)).isCloseTo(-2.3263, within(1e-4));
    }
}
