package org.zeusmobile.bo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.StrategyContext;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.SyntheticSoc;
import org.zeusmobile.core.strategy.Traffic;

class PolythrottleBoTest {

    private final SyntheticSoc soc = new SyntheticSoc(true);

    /** Runs BO to its end; returns the true cost of its answer over the oracle's. */
    private double ratioToOracle(Objective objective, long seed, int[] samples) {
        PolythrottleBo bo = new PolythrottleBo(soc.space(), objective, new Random(seed), new PolythrottleBo.Options());
        Random noise = new Random(seed + 100);
        int windows = 0;
        while (!bo.done() && windows < 100) {
            Configuration c = bo.next();
            bo.observe(soc.observe(c, noise, 0.02, ++windows * 2_000_000_000L));
        }
        samples[0] = bo.samples();
        assertThat(soc.truth(bo.best()).latencyP95S()).as("the answer meets the SLO")
                .isLessThanOrEqualTo(objective.sloS() * 1.02);
        return soc.trueCost(bo.best(), objective) / soc.trueCost(soc.oracle(objective), objective);
    }

    @Test
    void getsWithinFivePercentOfTheOracleInTwentySamplesOnNineHundredConfigurations() {
        assertThat(soc.space().size()).isGreaterThanOrEqualTo(500);
        for (double eta : new double[] {1.0, 0.5}) {
            Objective objective = new Objective(eta, 0.030, SyntheticSoc.MAX_POWER_W);
            int within = 0;
            int seeds = 10;
            for (long seed = 0; seed < seeds; seed++) {
                int[] samples = new int[1];
                double ratio = ratioToOracle(objective, seed, samples);
                assertThat(samples[0]).isLessThanOrEqualTo(20);
                assertThat(ratio).as("eta %s seed %s", eta, seed).isLessThan(1.15);
                if (ratio <= 1.05) {
                    within++;
                }
            }
            assertThat(within).as("seeds within 5%% of the oracle at eta %s", eta).isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void asAPriorItPredictsAndRanksWhatItHasNotMeasured() {
        Objective objective = new Objective(0.5, 0.030, SyntheticSoc.MAX_POWER_W);
        PolythrottleBo prior = new PolythrottleBo(soc.space(), objective, new Random(1), new PolythrottleBo.Options());
        Random noise = new Random(2);
        int windows = 0;
        for (Configuration probe = prior.nextProbe(); probe != null; probe = prior.nextProbe()) {
            prior.observe(soc.observe(probe, noise, 0.02, ++windows * 2_000_000_000L));
        }
        Configuration top = prior.ranked(3).get(0);
        assertThat(soc.trueCost(top, objective))
                .isLessThan(1.10 * soc.trueCost(soc.oracle(objective), objective));
        Configuration unmeasured = soc.space().neighbours(top).get(0);
        Prediction predicted = prior.predict(unmeasured);
        Prediction truth = soc.truth(unmeasured);
        assertThat(predicted.energyPerInferenceJ() / truth.energyPerInferenceJ()).isBetween(0.7, 1.3);
        assertThat(predicted.latencyP95S() / truth.latencyP95S()).isBetween(0.7, 1.3);
    }

    @Test
    void theFactoryBuildsBoAndAHybridWithABoWarmStart() {
        Objective objective = new Objective(0.5, 0.030, SyntheticSoc.MAX_POWER_W);
        StrategyContext context = new StrategyContext(soc.space(), objective).seed(4);
        Strategy bo = Strategies.create(Strategies.POLYTHROTTLE_BO, context);
        assertThat(bo.name()).isEqualTo("polythrottle-bo");
        assertThat(bo.next()).isEqualTo(soc.space().maximum());
        Strategy hybrid = Strategies.create(Strategies.HYBRID, new StrategyContext(soc.space(), objective).seed(4));
        assertThat(hybrid.name()).isEqualTo("hybrid");
        Random noise = new Random(5);
        for (int w = 0; w < 200; w++) {
            hybrid.observe(soc.observe(hybrid.next(), noise, 0.02, (w + 1) * 2_000_000_000L));
        }
        assertThat(soc.trueCost(hybrid.best(), objective))
                .isLessThan(1.05 * soc.trueCost(soc.oracle(objective), objective));
    }

    @Test
    void aWindowWhoseMeterDidNotMoveIsMeasuredAgainNotFitted() {
        Objective objective = new Objective(0.5, 0.030, SyntheticSoc.MAX_POWER_W);
        PolythrottleBo bo = new PolythrottleBo(soc.space(), objective, new Random(1), new PolythrottleBo.Options());
        Configuration first = bo.next();
        Random noise = new Random(2);
        for (int w = 1; w <= 10; w++) {
            Observation real = soc.observe(bo.next(), noise, 0.02, w * 2_000_000_000L);
            bo.observe(Observation.of(real.configuration()).inferences(real.inferences())
                    .energyPerInferenceJ(0).timePerInferenceS(real.timePerInferenceS())
                    .latencyP95S(real.latencyP95S()).traffic(real.traffic()).build());
        }
        assertThat(bo.samples()).isZero();
        assertThat(bo.next()).isEqualTo(first);
    }

    @Test
    void underBurstsASampleTakenInAPauseDoesNotMakeItsConfigurationLookDear() {
        // Two samples at the same power, 1.2 W, over 8 s windows: the first caught a whole burst (160 requests), the
        // second mostly a pause (20). Per inference the second window cost 8x the first; per request over the run's
        // mean time between requests, which is what either configuration would spend on the same arrivals, the same.
        Objective energy = new Objective(1, 0.060, SyntheticSoc.MAX_POWER_W);
        PolythrottleBo bo = new PolythrottleBo(soc.space(), energy, new Random(1), new PolythrottleBo.Options());
        Configuration inBurst = bo.next();
        bo.observe(window(inBurst, 160, 8, 1.2));
        Configuration inPause = bo.next();
        bo.observe(window(inPause, 20, 8, 1.2));
        double meanTimeS = 16.0 / 180;
        assertThat(bo.predict(inBurst).energyPerInferenceJ()).isCloseTo(1.2 * meanTimeS, within(1e-12));
        assertThat(bo.predict(inPause).energyPerInferenceJ()).isCloseTo(1.2 * meanTimeS, within(1e-12));
    }

    private static Observation window(Configuration c, int requests, double seconds, double powerW) {
        return Observation.of(c).inferences(requests).energyPerInferenceJ(powerW * seconds / requests)
                .timePerInferenceS(seconds / requests).latencyP95S(0.030).traffic(Traffic.OPEN_LOOP).build();
    }
}
