package org.zeusmobile.lab;

import static org.zeusmobile.lab.RobustnessReport.Measure.COST;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.zeusmobile.core.strategy.Strategies;

/**
 * The robustness suite's document: per strategy the distribution of energy against {@code default} and against the
 * oracle over every cell (generated device x trace x scenario), the SLO-violation deltas, the worst cells by name,
 * and the never-lose targets of issue 14 checked for the hybrid. Pure arithmetic on the cells, so it is tested
 * without running the simulator.
 */
final class RobustnessReport {

    /** Issue 14's targets: energy against default, violations against default's, share near the oracle. */
    static final double MAX_VS_DEFAULT = 1.02;
    static final double MAX_VIOLATION_DELTA_POINTS = 0.5;
    static final double NEAR_ORACLE = 1.05;
    static final double MIN_SHARE_NEAR_ORACLE = 0.90;
    static final double MAX_THERMAL_VS_BEST_STATIC = 1.05;
    /**
     * A thermal cell counts as "throttling costs" when the best static configuration's energy per inference there is
     * more than this factor above the same device and trace's steady cell (the "more than a few percent").
     */
    static final double THROTTLING_COSTS = 1.03;

    /**
     * One strategy's pooled run in a cell: energy per inference (true, exploration included), total cost (the
     * objective the strategies minimise: energy in open loop, Zeus's eta-weighted cost in closed loop, priced over
     * default's requests) and the share of requests over the SLO.
     */
    record Outcome(double energyJ, double costJ, double violationRate) {
    }

    /** What a ratio compares. */
    enum Measure {
        ENERGY, COST;

        double of(Outcome outcome) {
            return this == ENERGY ? outcome.energyJ() : outcome.costJ();
        }
    }

    /**
     * One cell of the suite; {@code outcomes} holds the oracle where some static configuration met the SLO.
     *
     * @param profilingViolations polythrottle-bo's requests {over the SLO, in all} while it profiled
     * @param deployedViolations the same once its search had finished
     */
    record Cell(long deviceSeed, String trace, String scenario, double sloMs, Map<String, Outcome> outcomes,
            long[] profilingViolations, long[] deployedViolations) {

        String name() {
            return "random,seed=" + deviceSeed + " / " + trace + " / " + scenario;
        }

        boolean hasOracle() {
            return outcomes.containsKey(Strategies.ORACLE);
        }

        double vsDefault(String strategy, Measure measure) {
            return measure.of(outcomes.get(strategy)) / measure.of(outcomes.get(Strategies.DEFAULT));
        }

        double vsOracle(String strategy, Measure measure) {
            return measure.of(outcomes.get(strategy)) / measure.of(outcomes.get(Strategies.ORACLE));
        }

        /** Percentage points of requests over the SLO beyond default's. */
        double violationDeltaPoints(String strategy) {
            return (outcomes.get(strategy).violationRate() - outcomes.get(Strategies.DEFAULT).violationRate()) * 100;
        }
    }

    private final List<Cell> cells;
    private final List<String> failures;

    RobustnessReport(List<Cell> cells, List<String> failures) {
        this.cells = cells;
        this.failures = failures;
    }

    /** The strategies compared against default, in the order reports list them. */
    List<String> strategies() {
        List<String> names = new ArrayList<>();
        for (String name : Strategies.NAMES) {
            boolean ran = false;
            for (Cell cell : cells) {
                ran |= cell.outcomes().containsKey(name);
            }
            if (ran && !name.equals(Strategies.DEFAULT)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Cells where {@code strategy} ran (and, with {@code needOracle}, a feasible oracle exists). */
    List<Cell> cellsOf(String strategy, boolean needOracle) {
        List<Cell> of = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.outcomes().containsKey(strategy) && (!needOracle || cell.hasOracle())) {
                of.add(cell);
            }
        }
        return of;
    }

    /** Thermal cells where throttling costs the best static configuration more than {@link #THROTTLING_COSTS}. */
    List<Cell> throttlingCells() {
        Map<String, Cell> steady = new LinkedHashMap<>();
        for (Cell cell : cells) {
            if (cell.scenario().equals(Scenario.STEADY.id())) {
                steady.put(cell.deviceSeed() + "|" + cell.trace(), cell);
            }
        }
        List<Cell> hot = new ArrayList<>();
        for (Cell cell : cells) {
            Cell cool = steady.get(cell.deviceSeed() + "|" + cell.trace());
            if (cell.scenario().equals(Scenario.THERMAL.id()) && cool != null && cell.hasOracle() && cool.hasOracle()
                    && COST.of(cell.outcomes().get(Strategies.ORACLE))
                    > THROTTLING_COSTS * COST.of(cool.outcomes().get(Strategies.ORACLE))) {
                hot.add(cell);
            }
        }
        return hot;
    }

    /** The {@code q} quantile by nearest rank; NaN for no values. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double[] values(List<Cell> cells, ToDoubleFunction<Cell> f) {
        return cells.stream().mapToDouble(f).toArray();
    }

    private static Cell worst(List<Cell> cells, ToDoubleFunction<Cell> f) {
        return cells.stream().max(Comparator.comparingDouble(f)).orElse(null);
    }

    /** The hybrid's cells that break never-lose: more energy than 1.02x default's, or 0.5 points more violations. */
    List<Cell> hybridLosses() {
        List<Cell> losses = new ArrayList<>();
        for (Cell cell : cellsOf(Strategies.HYBRID, false)) {
            if (cell.vsDefault(Strategies.HYBRID, COST) > MAX_VS_DEFAULT
                    || cell.violationDeltaPoints(Strategies.HYBRID) > MAX_VIOLATION_DELTA_POINTS) {
                losses.add(cell);
            }
        }
        return losses;
    }

    /** Every cell the hybrid loses, with its cost against default and the oracle and its violations. */
    String hybridLossTable() {
        List<Cell> losses = hybridLosses();
        losses.sort(Comparator.comparingDouble((Cell c) -> c.vsDefault(Strategies.HYBRID, COST)).reversed());
        return hybridTable(losses);
    }

    /** The thermal cells where throttling costs and the hybrid is over {@link #MAX_THERMAL_VS_BEST_STATIC}x the oracle. */
    String hybridThermalMissTable() {
        List<Cell> misses = new ArrayList<>(throttlingCells());
        misses.removeIf(c -> !c.outcomes().containsKey(Strategies.HYBRID)
                || !(c.vsOracle(Strategies.HYBRID, COST) > MAX_THERMAL_VS_BEST_STATIC));
        misses.sort(Comparator.comparingDouble((Cell c) -> c.vsOracle(Strategies.HYBRID, COST)).reversed());
        return hybridTable(misses);
    }

    private static String hybridTable(List<Cell> cells) {
        if (cells.isEmpty()) {
            return "None.\n";
        }
        StringBuilder out = new StringBuilder("| cell | cost vs default | cost vs oracle | SLO violations: hybrid / "
                + "default |\n| --- | ---: | ---: | ---: |\n");
        for (Cell c : cells) {
            out.append(String.format(Locale.ROOT, "| %s | %.3fx | %s | %.2f%% / %.2f%% |%n", c.name(),
                    c.vsDefault(Strategies.HYBRID, COST), c.hasOracle() ? String.format(Locale.ROOT, "%.3fx",
                    c.vsOracle(Strategies.HYBRID, COST)) : "no oracle",
                    c.outcomes().get(Strategies.HYBRID).violationRate() * 100,
                    c.outcomes().get(Strategies.DEFAULT).violationRate() * 100));
        }
        return out.toString();
    }

    /** The share of the hybrid's cells with an oracle where it is within {@link #NEAR_ORACLE} of it. */
    double hybridShareNearOracle() {
        List<Cell> of = cellsOf(Strategies.HYBRID, true);
        long near = of.stream().filter(c -> c.vsOracle(Strategies.HYBRID, COST) <= NEAR_ORACLE).count();
        return of.isEmpty() ? Double.NaN : near / (double) of.size();
    }

    /** The targets of issue 14, item 4, for the hybrid: a table row each, met or not, with the number. */
    String targets() {
        StringBuilder out = new StringBuilder("| target (issue 14) | measured | met |\n| --- | --- | --- |\n");
        List<Cell> hybrid = cellsOf(Strategies.HYBRID, false);
        Cell worstEnergy = worst(hybrid, c -> c.vsDefault(Strategies.HYBRID, COST));
        Cell worstSlo = worst(hybrid, c -> c.violationDeltaPoints(Strategies.HYBRID));
        if (worstEnergy != null) {
            double ratio = worstEnergy.vsDefault(Strategies.HYBRID, COST);
            long overCost = hybrid.stream().filter(c -> c.vsDefault(Strategies.HYBRID, COST) > MAX_VS_DEFAULT).count();
            out.append(row("cost <= " + MAX_VS_DEFAULT + "x default's in every cell", String.format(Locale.ROOT,
                    "worst %.3fx (%s); %d of %d cells over", ratio, worstEnergy.name(), overCost, hybrid.size()),
                    ratio <= MAX_VS_DEFAULT));
            double delta = worstSlo.violationDeltaPoints(Strategies.HYBRID);
            long overSlo = hybrid.stream()
                    .filter(c -> c.violationDeltaPoints(Strategies.HYBRID) > MAX_VIOLATION_DELTA_POINTS).count();
            out.append(row("requests over the SLO <= default's + " + MAX_VIOLATION_DELTA_POINTS
                    + " points in every cell", String.format(Locale.ROOT, "worst %+.2f points (%s); %d of %d cells "
                    + "over", delta, worstSlo.name(), overSlo, hybrid.size()), delta <= MAX_VIOLATION_DELTA_POINTS));
            out.append(row("both at once (never lose)", String.format(Locale.ROOT, "%d of %d cells lose",
                    hybridLosses().size(), hybrid.size()), hybridLosses().isEmpty()));
        }
        double share = hybridShareNearOracle();
        out.append(row("within " + NEAR_ORACLE + "x the oracle in >= " + Math.round(MIN_SHARE_NEAR_ORACLE * 100)
                + "% of cells", String.format(Locale.ROOT, "%.1f%% of %d cells with a feasible oracle", share * 100,
                cellsOf(Strategies.HYBRID, true).size()), share >= MIN_SHARE_NEAR_ORACLE));
        List<Cell> hot = new ArrayList<>(throttlingCells());
        hot.removeIf(c -> !c.outcomes().containsKey(Strategies.HYBRID));
        Cell worstHot = worst(hot, c -> c.vsOracle(Strategies.HYBRID, COST));
        if (worstHot == null) {
            out.append(row("thermal, where throttling costs > " + pct(THROTTLING_COSTS) + ": <= "
                    + MAX_THERMAL_VS_BEST_STATIC + "x the best static", "no such cell in this run", false));
        } else {
            double ratio = worstHot.vsOracle(Strategies.HYBRID, COST);
            long within = hot.stream()
                    .filter(c -> c.vsOracle(Strategies.HYBRID, COST) <= MAX_THERMAL_VS_BEST_STATIC).count();
            out.append(row("thermal, where throttling costs > " + pct(THROTTLING_COSTS) + ": <= "
                    + MAX_THERMAL_VS_BEST_STATIC + "x the best static in hindsight", String.format(Locale.ROOT,
                    "worst %.3fx over %d such cells (%s); %d of them within", ratio, hot.size(), worstHot.name(),
                    within), ratio <= MAX_THERMAL_VS_BEST_STATIC));
        }
        return out.toString();
    }

    private static String pct(double factor) {
        return String.format(Locale.ROOT, "%.0f%%", (factor - 1) * 100);
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**NO**") + " |\n";
    }

    /** Per strategy: {@code measure} vs default and vs the oracle, and violation deltas, as median / p90 / max. */
    String distributions(Measure measure) {
        String what = measure.name().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder("| strategy | cells | " + what + " vs default: median / p90 / max | "
                + "cells <= 1.02x default and <= +0.5 pt | " + what + " vs oracle: median / p90 / max | cells <= "
                + "1.05x oracle "
                + "| SLO violations vs default (points): median / p90 / max |\n"
                + "| --- | ---: | --- | ---: | --- | ---: | --- |\n");
        for (String name : strategies()) {
            List<Cell> all = cellsOf(name, false);
            List<Cell> withOracle = cellsOf(name, true);
            double[] vsDefault = values(all, c -> c.vsDefault(name, measure));
            double[] vsOracle = values(withOracle, c -> c.vsOracle(name, measure));
            double[] delta = values(all, c -> c.violationDeltaPoints(name));
            long kept = all.stream().filter(c -> c.vsDefault(name, measure) <= MAX_VS_DEFAULT
                    && c.violationDeltaPoints(name) <= MAX_VIOLATION_DELTA_POINTS).count();
            long near = withOracle.stream().filter(c -> c.vsOracle(name, measure) <= NEAR_ORACLE).count();
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", name, all.size(),
                    spread(vsDefault, "%.3fx"), share(kept, all.size()), spread(vsOracle, "%.3fx"),
                    share(near, withOracle.size()), spread(delta, "%+.2f")));
        }
        return out.toString();
    }

    private static String spread(double[] values, String format) {
        if (values.length == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, format + " / " + format + " / " + format, quantile(values, 0.5),
                quantile(values, 0.9), quantile(values, 1));
    }

    private static String share(long count, int of) {
        return of == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", count * 100.0 / of);
    }

    /** The {@code count} worst cells of each strategy against default and against the oracle, by cost. */
    String worstCells(int count) {
        StringBuilder out = new StringBuilder("| strategy | against | ratio | SLO violations vs default | cell |\n"
                + "| --- | --- | ---: | ---: | --- |\n");
        for (String name : strategies()) {
            appendWorst(out, name, "default", cellsOf(name, false), c -> c.vsDefault(name, COST), count);
            if (!name.equals(Strategies.ORACLE)) {
                appendWorst(out, name, "oracle", cellsOf(name, true), c -> c.vsOracle(name, COST), count);
            }
        }
        return out.toString();
    }

    private static void appendWorst(StringBuilder out, String name, String against, List<Cell> of,
            ToDoubleFunction<Cell> ratio, int count) {
        List<Cell> sorted = new ArrayList<>(of);
        sorted.sort(Comparator.comparingDouble(ratio).reversed());
        for (Cell cell : sorted.subList(0, Math.min(count, sorted.size()))) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.3fx | %+.2f pt | %s |%n", name, against,
                    ratio.applyAsDouble(cell), cell.violationDeltaPoints(name), cell.name()));
        }
    }

    /** PolyThrottle's requests over the SLO while it profiles and once deployed, pooled over every cell. */
    String polythrottlePhases() {
        long[] profiling = new long[2];
        long[] deployed = new long[2];
        int cellsWithProfilingOnly = 0;
        for (Cell cell : cells) {
            profiling[0] += cell.profilingViolations()[0];
            profiling[1] += cell.profilingViolations()[1];
            deployed[0] += cell.deployedViolations()[0];
            deployed[1] += cell.deployedViolations()[1];
            if (cell.profilingViolations()[1] > 0 && cell.deployedViolations()[1] == 0) {
                cellsWithProfilingOnly++;
            }
        }
        return String.format(Locale.ROOT, "| phase | requests | over the SLO |%n| --- | ---: | ---: |%n"
                + "| profiling (BO samples) | %d | %s |%n| deployed (BO finished, best predicted) | %d | %s |%n%n"
                + "Cells whose whole run was profiling (the BO never finished): %d.%n",
                profiling[1], rate(profiling), deployed[1], rate(deployed), cellsWithProfilingOnly);
    }

    private static String rate(long[] overTotal) {
        return overTotal[1] == 0 ? "–" : String.format(Locale.ROOT, "%.2f%%", overTotal[0] * 100.0 / overTotal[1]);
    }

    String failures() {
        if (failures.isEmpty()) {
            return "None: every cell ran.\n";
        }
        StringBuilder out = new StringBuilder();
        for (String failure : failures) {
            out.append("- ").append(failure).append('\n');
        }
        return out.toString();
    }

    /** The share of cells with an oracle where it costs more than default: the governors beat every pinned one. */
    double oracleAboveDefaultShare() {
        List<Cell> of = cellsOf(Strategies.ORACLE, true);
        long above = of.stream().filter(c -> c.vsDefault(Strategies.ORACLE, COST) > 1).count();
        return of.isEmpty() ? Double.NaN : above / (double) of.size();
    }

    int cellCount() {
        return cells.size();
    }

    int cellsWithoutOracle() {
        return (int) cells.stream().filter(c -> !c.hasOracle()).count();
    }
}
