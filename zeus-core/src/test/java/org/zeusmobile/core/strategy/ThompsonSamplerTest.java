package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;

class ThompsonSamplerTest {

    private static final Configuration A = Configuration.governed().with("gpu.freq", 1);
    private static final Configuration B = Configuration.governed().with("gpu.freq", 2);
    private static final Configuration C = Configuration.governed().with("gpu.freq", 3);
    private static final double[] MEANS = {1.0, 1.08, 1.3};

    /** Fraction of rounds in [from, to) that picked the best arm, over many seeded runs. */
    private static double bestArmRate(int from, int to, int runs) {
        int picks = 0;
        for (int run = 0; run < runs; run++) {
            Random random = new Random(run);
            ThompsonSampler sampler = new ThompsonSampler(50, 2, 1.0);
            sampler.addArm(A);
            sampler.addArm(B);
            sampler.addArm(C);
            for (int round = 0; round < to; round++) {
                Configuration chosen = sampler.choose(random);
                int arm = chosen.equals(A) ? 0 : chosen.equals(B) ? 1 : 2;
                if (round >= from && arm == 0) {
                    picks++;
                }
                sampler.observe(chosen, MEANS[arm] * (1 + 0.1 * random.nextGaussian()), 0.5);
            }
        }
        return picks / (double) ((to - from) * runs);
    }

    @Test
    void picksTheBestArmWithAProbabilityThatTendsToOne() {
        double early = bestArmRate(0, 20, 200);
        double middle = bestArmRate(80, 100, 200);
        double late = bestArmRate(380, 400, 200);
        assertThat(middle).isGreaterThan(early);
        assertThat(late).isGreaterThanOrEqualTo(middle - 0.01);
        assertThat(late).isGreaterThan(0.95);
    }

    @Test
    void neverExploitsAnArmThatMissesTheSlo() {
        Random random = new Random(3);
        ThompsonSampler sampler = new ThompsonSampler(10, 1, 0.1);
        sampler.addArm(A);
        sampler.addArm(B);
        int cheapButSlow = 0;
        for (int round = 0; round < 200; round++) {
            Configuration chosen = sampler.choose(random);
            boolean a = chosen.equals(A);
            if (a && round > 1) {
                cheapButSlow++;
            }
            // A is cheaper but its p95 is 0.2 s against a 0.1 s SLO.
            sampler.observe(chosen, a ? 0.5 : 1.0, a ? 0.2 : 0.05);
        }
        assertThat(cheapButSlow).isZero();
        assertThat(sampler.best()).isEqualTo(B);
        assertThat(sampler.feasible(A)).isFalse();
    }

    @Test
    void exploresEveryArmItsMinimumNumberOfTimesFirst() {
        Random random = new Random(1);
        ThompsonSampler sampler = new ThompsonSampler(10, 3, 1.0);
        sampler.addArm(A);
        sampler.addArm(B);
        sampler.addArm(C);
        for (int round = 0; round < 9; round++) {
            Configuration chosen = sampler.choose(random);
            sampler.observe(chosen, chosen.equals(A) ? 1 : 2, 0.1);
        }
        assertThat(sampler.observations(A)).isEqualTo(3);
        assertThat(sampler.observations(B)).isEqualTo(3);
        assertThat(sampler.observations(C)).isEqualTo(3);
    }

    @Test
    void theWindowForgetsOldCostsSoTheSamplerFollowsDrift() {
        Random random = new Random(5);
        ThompsonSampler sampler = new ThompsonSampler(5, 1, 1.0);
        sampler.addArm(A);
        sampler.addArm(B);
        for (int i = 0; i < 20; i++) {
            sampler.observe(A, 1.0, 0.1);
            sampler.observe(B, 2.0, 0.1);
        }
        assertThat(sampler.best()).isEqualTo(A);
        for (int i = 0; i < 5; i++) {
            sampler.observe(A, 3.0, 0.1); // A got expensive: five windows replace its history
        }
        assertThat(sampler.posteriorMean(A)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sampler.best()).isEqualTo(B);
    }

    @Test
    void thePosteriorFollowsZeusUpdate() {
        ThompsonSampler sampler = new ThompsonSampler(10, 0, 1.0);
        // prior N(2, 1/4): precision 4; observations 1.0 and 1.2: variance 0.02, reward precision 50
        sampler.addArm(A, 2.0, 4.0);
        sampler.observe(A, 1.0, 0.1);
        sampler.observe(A, 1.2, 0.1);
        double rewardPrecision = 1 / 0.02;
        double expected = (4.0 * 2.0 + rewardPrecision * 2.2) / (4.0 + 2 * rewardPrecision);
        assertThat(sampler.posteriorMean(A)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void rejectsAWindowSmallerThanTheMinimumExplorations() {
        assertThatThrownBy(() -> new ThompsonSampler(2, 3, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minExplorations");
        assertThatThrownBy(() -> new ThompsonSampler(5, 1, 1.0).choose(new Random()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no arms");
    }
}
