package org.zeusmobile.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zeusmobile.core.strategy.Strategies;

class RobustnessReportTest {

    private static final long[] NONE = {0, 0};

    /** A cell where default costs 1, the oracle {@code oracle} and the hybrid {@code hybrid}, with its violations. */
    private static RobustnessReport.Cell cell(long device, String scenario, double oracle, double hybrid,
            double hybridViolations) {
        Map<String, RobustnessReport.Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put(Strategies.DEFAULT, new RobustnessReport.Outcome(1, 1, 0.001));
        if (!Double.isNaN(oracle)) {
            outcomes.put(Strategies.ORACLE, new RobustnessReport.Outcome(oracle, oracle, 0));
        }
        outcomes.put(Strategies.HYBRID, new RobustnessReport.Outcome(hybrid, hybrid, hybridViolations));
        return new RobustnessReport.Cell(device, "poisson:20", scenario, 50, outcomes, NONE, NONE);
    }

    @Test
    void quantilesAreByNearestRank() {
        double[] values = {5, 1, 4, 2, 3};
        assertThat(RobustnessReport.quantile(values, 0.5)).isEqualTo(3);
        assertThat(RobustnessReport.quantile(values, 0.9)).isEqualTo(5);
        assertThat(RobustnessReport.quantile(values, 1)).isEqualTo(5);
        assertThat(RobustnessReport.quantile(new double[0], 0.5)).isNaN();
    }

    @Test
    void theHybridLosesWhereItCostsMoreThanTwoPercentOverDefaultOrHasHalfAPointMoreLateRequests() {
        List<RobustnessReport.Cell> cells = new ArrayList<>();
        cells.add(cell(1, "steady", 0.9, 0.95, 0.001));
        cells.add(cell(2, "steady", 0.9, 1.03, 0.001)); // dearer than default
        cells.add(cell(3, "steady", 0.9, 0.92, 0.007)); // +0.6 points of late requests
        cells.add(cell(4, "steady", Double.NaN, 1.0, 0.001)); // no static configuration met the SLO
        RobustnessReport report = new RobustnessReport(cells, List.of());
        assertThat(report.hybridLosses()).extracting(RobustnessReport.Cell::deviceSeed).containsExactly(2L, 3L);
        assertThat(report.hybridShareNearOracle()).as("0.95/0.9 and 1.03/0.9 are over 1.05x; 0.92/0.9 is not")
                .isCloseTo(1 / 3.0, within(1e-12));
        assertThat(report.cellsWithoutOracle()).isEqualTo(1);
        assertThat(report.oracleAboveDefaultShare()).as("every oracle here is below default").isZero();
        assertThat(report.targets()).contains("worst 1.030x (random,seed=2 / poisson:20 / steady)")
                .contains("2 of 4 cells lose").contains("**NO**");
        assertThat(report.hybridLossTable()).contains("random,seed=2").contains("random,seed=3")
                .doesNotContain("random,seed=1 ");
    }

    @Test
    void thermalCellsCountWhereThrottlingMakesTheBestStaticConfigurationDearerThanInTheSteadyCell() {
        List<RobustnessReport.Cell> cells = new ArrayList<>();
        cells.add(cell(1, "steady", 0.80, 0.82, 0));
        cells.add(cell(1, "thermal", 0.90, 0.99, 0)); // throttling costs the best static 12.5%
        cells.add(cell(2, "steady", 0.80, 0.82, 0));
        cells.add(cell(2, "thermal", 0.81, 0.90, 0)); // 1.25%: not a few percent
        RobustnessReport report = new RobustnessReport(cells, List.of());
        assertThat(report.throttlingCells()).extracting(RobustnessReport.Cell::deviceSeed).containsExactly(1L);
        assertThat(report.targets()).contains("worst 1.100x over 1 such cells (random,seed=1 / poisson:20 / thermal)");
    }
}
