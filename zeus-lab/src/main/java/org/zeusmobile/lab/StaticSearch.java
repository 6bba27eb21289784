package org.zeusmobile.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.StaticStrategy;
import org.zeusmobile.core.strategy.Strategies;

/**
 * Finds the static yardsticks by running candidates noise-free through the actual scenario (pre-heating, thermal
 * throttling, phase changes and all) and keeping only those that meet the SLO there, with at most
 * {@link #MAX_VIOLATION_RATE} of requests over it (the SLO itself tolerates 5%): {@code default-batched} (the
 * governors at the largest batch that meets it), the oracle (the best static configuration) and the oracle at
 * default's batch (DVFS alone). The simulator's steady-state model ({@link TrueModel}) only proposes candidates:
 * the cheapest it finds feasible, cooler ones spread by power (they throttle less), and the fastest, which says
 * whether any configuration can meet the SLO at all.
 */
final class StaticSearch {

    /** The share of requests a static yardstick may leave over the SLO in its run through the scenario. */
    static final double MAX_VIOLATION_RATE = 0.01;
    private static final int CHEAPEST = 4;
    private static final int COOLER = 3;

    /** A yardstick: its configuration (null when none meets the SLO), its run, and what a reader must know. */
    record Found(Configuration configuration, ScenarioRunner.Run run, String note) {
    }

    private final ScenarioRunner runner;
    private final TrueModel truth;
    private final SearchSpace space;
    private final Objective objective;
    private final TrueModel.Conditions[] phases;
    private final long seed;
    private final Map<Configuration, ScenarioRunner.Run> runs = new HashMap<>();

    StaticSearch(ScenarioRunner runner, TrueModel truth, SearchSpace space, Objective objective, long seed,
            TrueModel.Conditions... phases) {
        this.runner = runner;
        this.truth = truth;
        this.space = space;
        this.objective = objective;
        this.seed = seed;
        this.phases = phases;
    }

    /** The governors untouched at the largest batch of the space whose run meets the SLO; default's batch if none. */
    Found defaultBatched() {
        Knob batch = null;
        for (Knob knob : space.knobs()) {
            batch = knob.name().equals(Knob.BATCH) ? knob : batch;
        }
        if (batch == null || batch.size() == 1) {
            return new Found(StaticStrategy.governedAtBatch(space, -1), null, null);
        }
        for (int i = batch.size() - 1; i > 0; i--) {
            Configuration c = StaticStrategy.governedAtBatch(space, batch.value(i));
            ScenarioRunner.Run run = run(c, Strategies.DEFAULT_BATCHED);
            if (meets(run)) {
                return new Found(c, run, null);
            }
        }
        return new Found(StaticStrategy.governedAtBatch(space, batch.min()), null, "default-batched: no batch above "
                + batch.min() + " meets the SLO with the governors, so it runs default's batch");
    }

    /**
     * The cheapest configuration among the admitted ones that meets the SLO through the scenario, or none (with a
     * note saying the fastest admitted one misses it, and by how much).
     */
    Found oracle(Predicate<Configuration> admit, String what) {
        List<Configuration> admitted = new ArrayList<>();
        for (Configuration c : space.all(200_000)) {
            if (admit.test(c)) {
                admitted.add(c);
            }
        }
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Configuration c : candidates(admitted)) {
            ScenarioRunner.Run run = run(c, Strategies.ORACLE);
            double cost = Accounting.costPerInferenceJ(objective, run.result());
            if (meets(run) && cost < bestCost) {
                best = c;
                bestCost = cost;
            }
        }
        if (best != null) {
            return new Found(best, runs.get(best), null);
        }
        Configuration fastest = fastest(admitted);
        ScenarioRunner.Run run = run(fastest, Strategies.ORACLE);
        return new Found(null, run, String.format(Locale.ROOT, "%s: no static configuration meets the SLO through "
                + "the scenario; the fastest, %s, has p95 %.2f ms with %.1f%% of requests over %.1f ms", what,
                ConfigurationText.of(fastest.asMap()), run.result().latencies().quantileS(0.95) * 1e3,
                run.result().latencies().fractionAboveS(objective.sloS()) * 100, objective.sloS() * 1e3));
    }

    /** The cheapest model-feasible configurations, cooler ones spread by power, and the fastest. */
    private List<Configuration> candidates(List<Configuration> admitted) {
        List<Configuration> feasible = new ArrayList<>();
        for (Configuration c : admitted) {
            if (objective.meetsSlo(worstLatencyS(c) / TrueModel.ORACLE_SLO_MARGIN)) {
                feasible.add(c);
            }
        }
        feasible.sort(Comparator.comparingDouble(this::meanCost));
        List<Configuration> candidates = new ArrayList<>(feasible.subList(0, Math.min(CHEAPEST, feasible.size())));
        List<Configuration> byPower = new ArrayList<>(feasible);
        byPower.sort(Comparator.comparingDouble(this::meanPowerW));
        for (int i = 0; i < COOLER && !byPower.isEmpty(); i++) {
            // Spread over the cooler half: they reach trip points later, if at all.
            Configuration c = byPower.get(i * (byPower.size() - 1) / (2 * (COOLER - 1)));
            if (!candidates.contains(c)) {
                candidates.add(c);
            }
        }
        Configuration fastest = fastest(admitted);
        if (!candidates.contains(fastest)) {
            candidates.add(fastest);
        }
        return candidates;
    }

    private Configuration fastest(List<Configuration> admitted) {
        return admitted.stream().min(Comparator.comparingDouble(this::worstLatencyS)).orElseThrow();
    }

    private double worstLatencyS(Configuration c) {
        double worst = 0;
        for (TrueModel.Conditions phase : phases) {
            worst = Math.max(worst, truth.evaluate(c, phase).latencyP95S());
        }
        return worst;
    }

    private double meanCost(Configuration c) {
        double sum = 0;
        for (TrueModel.Conditions phase : phases) {
            sum += truth.evaluate(c, phase).cost(objective);
        }
        return sum / phases.length;
    }

    private double meanPowerW(Configuration c) {
        double sum = 0;
        for (TrueModel.Conditions phase : phases) {
            Prediction p = truth.evaluate(c, phase);
            sum += p.powerW();
        }
        return sum / phases.length;
    }

    private boolean meets(ScenarioRunner.Run run) {
        return run.result().latencies().fractionAboveS(objective.sloS()) <= MAX_VIOLATION_RATE;
    }

    private ScenarioRunner.Run run(Configuration c, String name) {
        return runs.computeIfAbsent(c, config -> runner.run(new StaticStrategy(name, config), null, seed, true, space,
                null));
    }
}
