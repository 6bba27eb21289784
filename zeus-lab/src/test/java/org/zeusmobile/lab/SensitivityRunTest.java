package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.sim.ProfileLoader;
import org.zeusmobile.sim.SocProfile;

class SensitivityRunTest {

    @Test
    void rankCorrelationIsOneForAnyRisingRelationAndMinusOneForAFallingOne() {
        double[] x = {1, 2, 3, 4, 5};
        assertThat(SensitivityRun.spearman(x, new double[] {1, 8, 27, 64, 125})).isCloseTo(1, within(1e-12));
        assertThat(SensitivityRun.spearman(x, new double[] {5, 3, 2, 1, 0})).isCloseTo(-1, within(1e-12));
        // ties take their average rank: ranks (1.5, 1.5, 3) against (1, 2, 3)
        assertThat(SensitivityRun.spearman(new double[] {7, 7, 9}, new double[] {1, 2, 3}))
                .isCloseTo(0.866, within(1e-3));
        assertThat(SensitivityRun.spearman(x, new double[] {2, 2, 2, 2, 2})).isNaN();
        assertThat(SensitivityRun.spearman(x, new double[] {1, 2, Double.NaN, 4, 5})).isNaN();
    }

    @Test
    void rangesReadInTheUnitsOfTheReadme() {
        assertThat(SensitivityRun.range(5e-5, 1.5e-3, "s")).isEqualTo("0.05-1.5 ms");
        assertThat(SensitivityRun.range(4e-6, 2.5e-5, "s")).isEqualTo("4-25 us");
        assertThat(SensitivityRun.range(0.15, 0.51, "W")).isEqualTo("150-510 mW");
        assertThat(SensitivityRun.range(7.5e-9, 1.15e-8, "F")).isEqualTo("7.5-11.5 nF");
        assertThat(SensitivityRun.range(0.15, 0.5, "1")).isEqualTo("15-50 %");
        assertThat(SensitivityRun.range(2.5, 6.2, "1")).isEqualTo("2.5-6.2 x");
    }

    @Test
    void spreadIsMedianAndExtremesOfTheDrawsThatHaveASaving() {
        SensitivityRun.Spread spread = SensitivityRun.Spread.of(java.util.Arrays.asList(0.3, null, 0.1, 0.2), 4);
        assertThat(spread.median()).isCloseTo(0.2, within(1e-12));
        assertThat(spread.min()).isEqualTo(0.1);
        assertThat(spread.max()).isEqualTo(0.3);
        assertThat(spread.text()).isEqualTo("20.0% [10.0%, 30.0%] (3 of 4 draws met the SLO)");
        assertThat(SensitivityRun.Spread.of(java.util.Arrays.asList(null, null), 2).text())
                .startsWith("– (missed the SLO in every draw)");
    }

    @Test
    void theConstantsOfADrawSitInsideTheirRangesAndEachVoltageTableCountsOnce() {
        SocProfile base = ProfileLoader.loadBuiltIn("snapdragon-8-gen-2");
        Map<String, Double> constants = SensitivityRun.constants(base);
        assertThat(constants).containsKey("processors[gpu].stallActivity")
                .containsKey("processors[gpu].opps voltages (top point)");
        assertThat(constants.keySet()).noneMatch(k -> k.contains("points["));
        assertThat(constants.get("processors[gpu].opps voltages (top point)")).isCloseTo(0.88, within(1e-9));
    }

    @Test
    void rerunsTheComparisonOnEachDrawnProfileAndReportsRanges() {
        SensitivityRun run = new SensitivityRun("jetson-orin-nano", TransformerStandIn.minilm("gpu"), Scenario.STEADY,
                3, 10).run(null);

        List<SensitivityRun.Draw> draws = run.draws();
        assertThat(draws).hasSize(3);
        assertThat(draws.get(0).result().device()).isEqualTo("sim:jetson-orin-nano,draw=1");
        assertThat(draws.get(0).constants()).isNotEqualTo(draws.get(1).constants());
        SocProfile base = ProfileLoader.loadBuiltIn("jetson-orin-nano");
        for (SensitivityRun.Draw d : draws) {
            assertThat(d.constants()).hasSameSizeAs(SensitivityRun.constants(base));
        }
        for (String name : List.of(Strategies.DEFAULT_BATCHED, Strategies.ORACLE, Strategies.HYBRID)) {
            SensitivityRun.Spread s = run.savingVsDefault(name);
            if (s.count() > 0) {
                assertThat(s.median()).isBetween(s.min(), s.max());
            }
            assertThat(s.of()).isEqualTo(3);
        }
        SensitivityRun.Spread both = run.split("both");
        SensitivityRun.Spread dvfs = run.split("DVFS only");
        assertThat(both.count()).isEqualTo(3);
        List<SensitivityRun.Sensitivity> sensitivities = run.sensitivities();
        assertThat(sensitivities).hasSameSizeAs(draws.get(0).constants().keySet());
        for (int i = 1; i < sensitivities.size(); i++) {
            double previous = Math.abs(sensitivities.get(i - 1).rhoBoth());
            double current = Math.abs(sensitivities.get(i).rhoBoth());
            if (!Double.isNaN(current)) {
                assertThat(previous).isGreaterThanOrEqualTo(current);
            }
        }
        String md = run.markdown(5);
        assertThat(md).contains("jetson-orin-nano", "3 drawn profiles (SIMULATED)", "| hybrid |", "| DVFS only |",
                "rho with best static saving");
        assertThat(dvfs.of()).isEqualTo(3);
    }

    @Test
    void refusesASingleDraw() {
        assertThatThrownBy(() -> new SensitivityRun("jetson-tx2", TransformerStandIn.minilm("gpu"), Scenario.STEADY,
                1, 10)).hasMessageContaining("at least 2 draws");
    }
}
