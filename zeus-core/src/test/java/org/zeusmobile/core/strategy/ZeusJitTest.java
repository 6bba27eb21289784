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
            ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(seed), null, new ZeusJit.Options());
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
        ZeusJit jit = new ZeusJit(soc.space(), objective, new Random(1), null, new ZeusJit.Options());
        assertThat(jit.next()).isEqualTo(soc.space().maximum().with("batch", 1));
    }

    @Test
    void aValueThatMissesTheSloIsNeverTheKnobsChoice() {
        // A tight SLO: only fast settings are feasible; the answer must meet it.
        Objective tight = new Objective(0.5, 0.012, SyntheticSoc.MAX_POWER_W);
        ZeusJit jit = new ZeusJit(soc.space(), tight, new Random(2), null, new ZeusJit.Options());
        StrategyLoop.run(jit, soc, 200, 0.02, 2, -1, null);
        assertThat(soc.truth(jit.best()).latencyP95S()).isLessThanOrEqualTo(0.012 * 1.02);
    }
}
