package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.sim.SimulatedDevice;

/** The oracle is the best static configuration that meets the SLO through the scenario, throttling included. */
class OracleSearchTest {

    @TempDir
    Path dir;

    /**
     * On a phone 5 K quicker to throttle and 30% leakier than the built-in one, ten steady minutes heat it past its
     * first trip point: the steady-state model's best configuration gets capped and misses the SLO in a good share
     * of requests, while the oracle, chosen by running candidates through the scenario, keeps within 1%.
     */
    @ParameterizedTest
    @CsvSource({"minilm,0.5,8", "bge-small,0.2,0"})
    void onAPhoneThatThrottlesInTheSteadyScenarioTheOracleStillMeetsTheSlo(String model, double eta, double sloMs) {
        String spec = HotPhone.spec(dir, 5, 1.3);
        CompareOptions options = new CompareOptions(TransformerStandIn.named(model, "gpu")).device(spec).seeds(1)
                .eta(eta).strategies("default", "oracle");
        if (sloMs > 0) {
            // with governors after the kernel sources this phone's default is dispatch-bound and slow, and 1.5x its
            // p95 leaves room that a throttled configuration still meets: an explicit SLO keeps the hazard (issue 12)
            options = options.sloMs(sloMs);
        }
        ComparisonHarness harness = new ComparisonHarness(options);
        CompareResult result = harness.run(null);

        SimulatedDevice probe = SimulatedDevice.open(spec, 1);
        SearchSpace space = harness.searchSpace(probe);
        TrueModel truth = new TrueModel(probe, options.model, options.trace, options.durationNs,
                ScenarioRunner.MAX_BATCH_DELAY_NS);
        Objective objective = new Objective(eta, result.sloMs() / 1e3, probe.maxPowerW());
        Configuration steadyStateBest = truth.oracle(space, objective, new TrueModel.Conditions(128, null, 0));
        double steadyStateMisses = new ScenarioRunner(options).run(new StaticStrategy("steady-state best",
                steadyStateBest), null, 1, false, space, null).result().latencies().fractionAboveS(objective.sloS());
        assertThat(steadyStateMisses).as("the hazard: the steady-state model's choice throttles and misses the SLO")
                .isGreaterThan(0.05);

        StrategyResult oracle = result.strategy("oracle");
        assertThat(oracle.sloViolationRate()).isLessThanOrEqualTo(0.01);
        assertThat(oracle.feasible()).isTrue();
        assertThat(oracle.finalConfiguration()).isNotEqualTo(steadyStateBest.asMap());
        assertThat(oracle.totalCostJ()).isLessThanOrEqualTo(result.strategy("default").totalCostJ());
    }
}
