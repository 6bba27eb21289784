package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.zeusmobile.core.control.Latencies;
import org.zeusmobile.core.control.RunResult;
import org.zeusmobile.core.control.Window;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;

/** Turns one strategy's runs (one per seed) into its row of the results, for the harness and live runs alike. */
final class Summary {

    /**
     * What every row is measured against: energy per inference of {@code default}, {@code default-batched} and the
     * oracle (NaN where there is none), and the oracle's own run through the scenario (null without one).
     */
    record Yardsticks(double defaultJ, double defaultBatchedJ, double oracleJ, RunResult oracleRun) {
    }

    private Summary() {
    }

    /**
     * The row of {@code name}.
     *
     * @param baselineRatesHz default's request rate in the run of the same seed, one per run (prices total cost)
     * @param lengthS the run length every row's total cost is priced over
     * @param fallback what to recommend when nothing the strategy ran met the SLO: default's configuration
     */
    static StrategyResult of(String name, boolean adaptive, List<RunResult> runs, List<Double> baselineRatesHz,
            double lengthS, Objective objective, Yardsticks yardsticks, Configuration fallback,
            List<StrategyResult.TimelinePoint> timeline) {
        Latencies pooled = Accounting.pooledLatencies(runs);
        double energyJ = Accounting.pooledEnergyPerInferenceJ(runs);
        boolean feasible = objective.meetsSlo(pooled.quantileS(0.95));
        double totalCostJ = 0;
        double changes = 0;
        Integer converge = 0;
        Double exploration = 0.0;
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            totalCostJ += Accounting.totalCostJ(objective, run, baselineRatesHz.get(i), lengthS) / runs.size();
            changes += Convergence.changes(run) / (double) runs.size();
            Integer settled = adaptive ? Convergence.samplesToConverge(run, objective, yardsticks.oracleRun()) : null;
            converge = converge == null || settled == null ? null : converge + settled;
            Double extra = adaptive ? Convergence.explorationCostJ(run, objective) : null;
            exploration = exploration == null || extra == null ? null : exploration + extra / runs.size();
        }
        Configuration last = mostCommonFinal(runs);
        Map<Configuration, Latencies> tried = triedConfigurations(runs);
        Boolean finalMeets = tried.containsKey(last) ? objective.meetsSlo(tried.get(last).quantileS(0.95)) : null;
        Configuration recommended = Boolean.FALSE.equals(finalMeets) ? cheapestMeeting(runs, tried, objective, fallback)
                : last;
        return new StrategyResult(name, adaptive, feasible, energyJ, pooled.quantileS(0.5) * 1e3,
                pooled.quantileS(0.95) * 1e3, pooled.quantileS(0.99) * 1e3, pooled.fractionAboveS(objective.sloS()),
                totalCostJ, converge == null ? null : (int) Math.ceil(converge / (double) runs.size()), changes,
                exploration, ratio(feasible, energyJ, yardsticks.defaultJ()),
                ratio(feasible, energyJ, yardsticks.defaultBatchedJ()), ratio(feasible, energyJ, yardsticks.oracleJ()),
                new TreeMap<>(last.asMap()), finalMeets, new TreeMap<>(recommended.asMap()), timeline);
    }

    /** {@code energyJ / yardstickJ}; null for an infeasible row (its energy is no saving) or without a yardstick. */
    private static Double ratio(boolean feasible, double energyJ, double yardstickJ) {
        return feasible && !Double.isNaN(yardstickJ) && !Double.isNaN(energyJ) ? energyJ / yardstickJ : null;
    }

    /** The final configuration most seeds ended on. */
    private static Configuration mostCommonFinal(List<RunResult> runs) {
        Map<Configuration, Integer> finals = new LinkedHashMap<>();
        for (RunResult run : runs) {
            finals.merge(run.finalConfiguration(), 1, Integer::sum);
        }
        Configuration mostCommon = null;
        for (Map.Entry<Configuration, Integer> f : finals.entrySet()) {
            if (mostCommon == null || f.getValue() > finals.get(mostCommon)) {
                mostCommon = f.getKey();
            }
        }
        return mostCommon;
    }

    /** Every configuration the runs ran, with the requests it served. */
    private static Map<Configuration, Latencies> triedConfigurations(List<RunResult> runs) {
        Map<Configuration, Latencies> tried = new LinkedHashMap<>();
        for (RunResult run : runs) {
            List<Latencies> perWindow = Accounting.windowLatencies(run);
            for (int i = 0; i < perWindow.size(); i++) {
                tried.computeIfAbsent(run.windows().get(i).configuration(), c -> new Latencies()).addAll(perWindow.get(i));
            }
        }
        return tried;
    }

    /** The tried configuration of least measured cost among those whose requests met the SLO; else {@code fallback}. */
    private static Configuration cheapestMeeting(List<RunResult> runs, Map<Configuration, Latencies> tried,
            Objective objective, Configuration fallback) {
        Configuration best = fallback;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Map.Entry<Configuration, Latencies> entry : tried.entrySet()) {
            if (!objective.meetsSlo(entry.getValue().quantileS(0.95))) {
                continue;
            }
            List<Window> ran = new ArrayList<>();
            for (RunResult run : runs) {
                for (Window w : run.windows()) {
                    if (w.configuration().equals(entry.getKey())) {
                        ran.add(w);
                    }
                }
            }
            double cost = Accounting.spanCostPerInferenceJ(objective, runs.get(0).traffic(), ran, 0, ran.size());
            if (cost < bestCost) {
                best = entry.getKey();
                bestCost = cost;
            }
        }
        return best;
    }
}
