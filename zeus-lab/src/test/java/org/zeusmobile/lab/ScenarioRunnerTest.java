package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.sim.SimulatedDevice;

class ScenarioRunnerTest {

    /**
     * The meters see the whole device; our energy leaves out what the other app's load costs: the two agree until
     * the background load starts halfway, and part ways after.
     */
    @Test
    void inInterferenceOurEnergyLeavesOutTheBackgroundLoadsShare() {
        CompareOptions options = new CompareOptions(TransformerStandIn.minilm("gpu")).device("sim:jetson-orin-nano")
                .scenario(Scenario.INTERFERENCE).durationNs(120_000_000_000L);
        ScenarioRunner runner = new ScenarioRunner(options);
        SimulatedDevice probe = SimulatedDevice.open("sim:jetson-orin-nano", 1);
        SearchSpace space = new ComparisonHarness(options).searchSpace(probe);

        ScenarioRunner.Run run = runner.run(StaticStrategy.governed(space), null, 1, true, space, null);

        double[] before = ratio(run, 0, 55e9);
        double[] after = ratio(run, 65e9, 120e9);
        assertThat(before[0] / before[1]).as("whole device / ours, alone").isCloseTo(1.0, within(0.03));
        assertThat(after[0] / after[1]).as("whole device / ours, with the other app").isGreaterThan(1.1);
        assertThat(runner.energyScope().scope()).isEqualTo(EnergyScope.WORKLOAD);
        assertThat(runner.energyScope().description()).contains("background app's share excluded");
    }

    /** Measured (whole-device) and true (ours) energy over the windows that end between the two times. */
    private static double[] ratio(ScenarioRunner.Run run, double fromNs, double toNs) {
        double measured = 0;
        double ours = 0;
        for (Window w : run.result().windows()) {
            if (w.endNs() > fromNs && w.endNs() <= toNs) {
                measured += w.measuredEnergyJ();
                ours += w.energyJ();
            }
        }
        return new double[] {measured, ours};
    }
}
