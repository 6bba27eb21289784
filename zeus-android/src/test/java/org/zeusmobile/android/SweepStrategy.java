package org.zeusmobile.android;

import java.util.ArrayList;
import java.util.List;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Strategy;

/**
 * A test strategy: every configuration of the knobs once, in order, then the cheapest one that met the SLO.
 * Records what it was told, so tests can check what the optimizer measured.
 */
final class SweepStrategy implements Strategy {

    private final List<Configuration> grid = new ArrayList<>();
    private final Objective objective;
    final List<Observation> observed = new ArrayList<>();
    private int nextIndex;
    private Configuration best;
    private double bestCost = Double.POSITIVE_INFINITY;

    SweepStrategy(List<Knob> knobs, Objective objective) {
        this.objective = objective;
        grid.add(Configuration.governed());
        for (Knob knob : knobs) {
            List<Configuration> expanded = new ArrayList<>();
            for (Configuration partial : grid) {
                for (long value : knob.values()) {
                    expanded.add(partial.with(knob.name(), value));
                }
            }
            grid.clear();
            grid.addAll(expanded);
        }
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public Configuration next() {
        return nextIndex < grid.size() ? grid.get(nextIndex++) : best();
    }

    @Override
    public void observe(Observation observation) {
        observed.add(observation);
        double cost = observation.cost(objective);
        if (objective.meetsSlo(observation.latencyP95S()) && cost < bestCost) {
            bestCost = cost;
            best = observation.configuration();
        }
    }

    @Override
    public Configuration best() {
        return best != null ? best : grid.get(0);
    }
}
