package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;

class ZeusJitTest {

    private final SyntheticSoc soc = new SyntheticSoc(false);
    private final Objective objective = new Objective(0.5, 0.030, SyntheticSoc.MAX_POWER_W);

    @Test
    void profilesKnobByKnobThenSettlesNearTheOptimum() {
        Configuration oracle = soc.oracle(objective);
        double oracleCost = soc.trueCost(oracle, objective);
        int within = 0;
        for (long seed = 0; seed < 10; seed++) {
            ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(seed), new ZeusJit.Options());
            List<Configuration> chosen = StrategyLoop.run(jit, soc, 300, 0.03, seed, -1, null);
            assertThat(jit.profiling()).isFalse();
            double finalCost = soc.trueCost(jit.best(), objective);
            if (finalCost <= oracleCost * 1.05) {
                within++;
            }
            // The late windows exploit: their mean cost is close to the optimum.
            assertThat(StrategyLoop.meanCost(chosen, 200, soc, objective)).isLessThan(oracleCost * 1.10);
            // Profiling stops directions early: far fewer configurations tried than the space holds.
            assertThat(new HashSet<>(chosen).size()).isLessThan((int) soc.space().size() / 3);
        }
        assertThat(within).isGreaterThanOrEqualTo(8);
    }

    @Test
    void startsItsSweepAtMaxPerformance() {
        ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(1), new ZeusJit.Options());
        assertThat(jit.next()).isEqualTo(soc.space().maximum().with("batch", 1));
    }

    @Test
    void aValueThatMissesTheSloIsNeverTheKnobsChoice() {
        // A tight SLO: only fast settings are feasible; the answer must meet it.
        Objective tight = new Objective(0.5, 0.012, SyntheticSoc.MAX_POWER_W);
        ZeusJit jit = new ZeusJit(soc.space(), tight, new Random(2), new ZeusJit.Options());
        StrategyLoop.run(jit, soc, 200, 0.02, 2, -1, null);
        assertThat(soc.truth(jit.best()).latencyP95S()).isLessThanOrEqualTo(0.012 * 1.02);
    }

    /** The configurations a strategy asks for while it profiles, one per window. */
    private List<Configuration> profilingWindows(ZeusJit.Options options) {
        ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(1), options);
        Random noise = new Random(1);
        List<Configuration> asked = new java.util.ArrayList<>();
        for (int w = 0; jit.profiling() && w < 2000; w++) {
            Configuration c = jit.next();
            asked.add(c);
            jit.observe(soc.observe(c, noise, 0.01, (w + 1) * 2_000_000_000L));
        }
        return asked;
    }

    @Test
    void eachValueGetsItsWarmUpWindowsThenItsProfileWindows() {
        List<Configuration> asked = profilingWindows(new ZeusJit.Options().warmupSteps(2).profileSteps(3));
        // Consecutive windows at one configuration: 2 discarded + 3 averaged, never fewer.
        int run = 1;
        for (int i = 1; i <= asked.size(); i++) {
            if (i < asked.size() && asked.get(i).equals(asked.get(i - 1))) {
                run++;
            } else {
                assertThat(run).as("windows at %s", asked.get(i - 1)).isEqualTo(5);
                run = 1;
            }
        }
    }

    @Test
    void morePatienceProfilesMoreValuesBeforeGivingUpADirection() {
        int impatient = new HashSet<>(profilingWindows(new ZeusJit.Options().patience(1))).size();
        int patient = new HashSet<>(profilingWindows(new ZeusJit.Options().patience(4))).size();
        assertThat(patient).isGreaterThan(impatient);
    }

    @Test
    void onePassSweepsEveryKnobOnceAndTheArmsOptionSetsHowManyAreSampledAfter() {
        List<Configuration> onePass = profilingWindows(new ZeusJit.Options().passes(1));
        List<Configuration> twoPasses = profilingWindows(new ZeusJit.Options().passes(2));
        assertThat(onePass.size()).isLessThan(twoPasses.size());
        assertThat(twoPasses.subList(0, onePass.size())).isEqualTo(onePass);

        ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(1), new ZeusJit.Options().arms(2));
        StrategyLoop.run(jit, soc, 200, 0.01, 1, -1, null);
        assertThat(jit.arms()).hasSize(2);
    }
}
