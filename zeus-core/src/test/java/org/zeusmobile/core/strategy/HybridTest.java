package org.zeusmobile.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.device.Configuration;

class HybridTest {

    private final SyntheticSoc soc = new SyntheticSoc(true);
    private final Objective objective = new Objective(0.5, 0.030, SyntheticSoc.MAX_POWER_W);

    /** A stored profile whose predictions are off by a random {@code error} (relative sd) per configuration. */
    private ProfilePrior noisyProfile(double error, long seed) {
        Random random = new Random(seed);
        Map<Configuration, Prediction> predictions = new LinkedHashMap<>();
        for (Configuration c : soc.space().all(100_000)) {
            Prediction p = soc.truth(c);
            predictions.put(c, new Prediction(p.energyPerInferenceJ() * (1 + error * random.nextGaussian()),
                    p.timePerInferenceS() * (1 + error * random.nextGaussian()),
                    p.latencyP95S() * (1 + error * random.nextGaussian())));
        }
        return new ProfilePrior(predictions, objective);
    }

    @Test
    void warmStartedFromAnImperfectProfileItConvergesToTheOptimum() {
        double oracleCost = soc.trueCost(soc.oracle(objective), objective);
        for (long seed = 0; seed < 5; seed++) {
            Hybrid hybrid = new Hybrid(soc.space(), objective, noisyProfile(0.05, seed), new Random(seed),
                    new Hybrid.Options());
            List<Configuration> chosen = StrategyLoop.run(hybrid, soc, 300, 0.03, seed, -1, null);
            assertThat(soc.trueCost(hybrid.best(), objective)).isLessThanOrEqualTo(oracleCost * 1.03);
            assertThat(StrategyLoop.meanCost(chosen, 0, soc, objective)).as("whole run, exploration included")
                    .isLessThanOrEqualTo(oracleCost * 1.05);
            assertThat(hybrid.changesDetected()).as("no change happened").isLessThanOrEqualTo(1);
        }
    }

    /** The governors' behaviour at {@code costFactor} x the oracle's cost (same latency as the oracle). */
    private Prediction governedAt(double costFactor) {
        Prediction oracle = soc.truth(soc.oracle(objective));
        // Scale energy so that eta*E + (1-eta)*P_max*T comes out at costFactor x the oracle's cost.
        double timeTerm = (1 - objective.eta()) * objective.maxPowerW() * oracle.timePerInferenceS();
        double energyJ = (costFactor * oracle.cost(objective) - timeTerm) / objective.eta();
        return new Prediction(energyJ, oracle.timePerInferenceS(), oracle.latencyP95S());
    }

    @Test
    void settlesOnTheGovernorsWhereTheyBeatEveryPinnedConfiguration() {
        soc.setGoverned(governedAt(0.9));
        for (long seed = 0; seed < 3; seed++) {
            Hybrid hybrid = new Hybrid(soc.space(), objective, noisyProfile(0.05, seed), new Random(seed),
                    new Hybrid.Options()).baseline(governedAt(0.9));
            List<Configuration> chosen = StrategyLoop.run(hybrid, soc, 300, 0.03, seed, -1, null);
            assertThat(hybrid.best().isGoverned()).as("seed %d", seed).isTrue();
            assertThat(StrategyLoop.meanCost(chosen, 200, soc, objective))
                    .isLessThanOrEqualTo(soc.trueCost(Configuration.governed(), objective) * 1.03);
        }
    }

    @Test
    void keepsPinnedConfigurationsWhereTheGovernorsLose() {
        soc.setGoverned(governedAt(1.5));
        for (long seed = 0; seed < 3; seed++) {
            Hybrid hybrid = new Hybrid(soc.space(), objective, noisyProfile(0.05, seed), new Random(seed),
                    new Hybrid.Options()).baseline(governedAt(1.5));
            List<Configuration> chosen = StrategyLoop.run(hybrid, soc, 300, 0.03, seed, -1, null);
            long governedWindows = chosen.stream().filter(Configuration::isGoverned).count();
            assertThat(governedWindows).as("seed %d: windows spent on the governors", seed).isLessThanOrEqualTo(3);
            assertThat(hybrid.best().isGoverned()).isFalse();
        }
    }

    @Test
    void detectsAChangeAndReExploresToTheNewOptimum() {
        SyntheticSoc changed = new SyntheticSoc(true);
        changed.setGpuWorkScale(1.8);
        double newOracleCost = changed.trueCost(changed.oracle(objective), objective);
        int adapted = 0;
        for (long seed = 0; seed < 5; seed++) {
            soc.setGpuWorkScale(1);
            Hybrid hybrid = new Hybrid(soc.space(), objective, noisyProfile(0.05, seed), new Random(seed),
                    new Hybrid.Options());
            List<Configuration> chosen = StrategyLoop.run(hybrid, soc, 400, 0.03, seed, 150,
                    () -> soc.setGpuWorkScale(1.8));
            assertThat(hybrid.changesDetected()).isGreaterThanOrEqualTo(1);
            if (StrategyLoop.meanCost(chosen, 300, soc, objective) <= newOracleCost * 1.08) {
                adapted++;
            }
        }
        assertThat(adapted).isGreaterThanOrEqualTo(4);
    }

    /** What a run on the synthetic SoC with a firmware trip point showed. */
    private static final class ThermalRun {
        final java.util.Set<String> reasons = new java.util.HashSet<>();
        double hottestC;
        Configuration best;
    }

    /**
     * 300 windows with a firmware trip point at {@code tripC} (NaN: none known); the temperature settles at
     * 30 °C + 8 °C per W with a 20 s time constant. The hottest temperature counts after the first 100.
     */
    private ThermalRun thermalRun(double tripC) {
        return thermalRun(tripC, Integer.MAX_VALUE);
    }

    /** As above; every {@code glitchEvery}-th window the meter catches one update too many (+20% energy). */
    private ThermalRun thermalRun(double tripC, int glitchEvery) {
        // A loose SLO, so that cooler configurations are feasible too.
        Objective loose = new Objective(0.5, 0.2, SyntheticSoc.MAX_POWER_W);
        Hybrid hybrid = new Hybrid(soc.space(), loose, noisyProfile(0.02, 1), new Random(1),
                new Hybrid.Options().thermalLookaheadS(10)); // half this SoC's thermal time constant
        Random random = new Random(1);
        double temperature = 35;
        ThermalRun run = new ThermalRun();
        for (int w = 0; w < 300; w++) {
            Configuration c = hybrid.next();
            run.reasons.add(hybrid.reason());
            temperature += (steadyC(c) - temperature) * 0.1; // first-order lag per 2 s window
            if (w > 100) {
                run.hottestC = Math.max(run.hottestC, temperature);
            }
            Observation o = soc.observe(c, random, 0.02, (w + 1) * 2_000_000_000L);
            double glitch = (w + 1) % glitchEvery == 0 ? 1.2 : 1;
            hybrid.observe(new Observation(c, o.inferences(), o.energyPerInferenceJ() * glitch, o.timePerInferenceS(),
                    o.latencyP95S(), temperature, tripC - temperature, o.clockNs()));
        }
        run.best = hybrid.best();
        return run;
    }

    private double steadyC(Configuration c) {
        return 30 + 8 * soc.truth(c).powerW();
    }

    @Test
    void backsOffBeforeTheTripPointButNotFarBelowIt() {
        ThermalRun unguarded = thermalRun(Double.NaN);
        double tripC = steadyC(unguarded.best) - 3; // the optimum would cross it
        ThermalRun guarded = thermalRun(tripC);
        assertThat(guarded.hottestC).isLessThan(tripC).isGreaterThan(tripC - 1.5);
        assertThat(guarded.reasons).anyMatch(reason -> reason.startsWith("thermal guard: power cap"));
        assertThat(unguarded.reasons).noneMatch(reason -> reason.startsWith("thermal guard"));
    }

    @Test
    void oneWindowWithAnExtraMeterUpdateDoesNotPushTheGuardFurtherDown() {
        ThermalRun unguarded = thermalRun(Double.NaN);
        double tripC = steadyC(unguarded.best) - 3;
        assertThat(thermalRun(tripC, 5).hottestC).isLessThan(tripC).isGreaterThan(tripC - 1.5);
    }

    @Test
    void keepsTheOptimumWhenItsHeatLevelsOffBelowTheTripPoint() {
        ThermalRun unguarded = thermalRun(Double.NaN);
        double tripC = steadyC(unguarded.best) + 1;
        assertThat(thermalRun(tripC).best).isEqualTo(unguarded.best);
    }

    @Test
    void needsAPrior() {
        assertThatThrownBy(() -> Strategies.create(Strategies.HYBRID, new Strategies.Context(soc.space(), objective)))
                .hasMessageContaining("warm start");
    }
}
