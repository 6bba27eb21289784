package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.device.Knob;

/**
 * Zeus's just-in-time profiling (Zeus NSDI'23, section 4.3), generalised from the GPU power limit to
 * several knobs, followed by Zeus's windowed Gaussian Thompson sampling.
 *
 * <p>Profiling sweeps one knob at a time from the start configuration (max-performance by default: every
 * frequency at its maximum, batch at its minimum):
 * each value gets {@code warmupSteps} windows whose measurements are discarded (the new frequency
 * settles, caches warm) and then {@code profileSteps} windows whose costs are averaged. A direction
 * stops once the cost has failed to improve on the knob's best {@code patience} times in a row (a
 * value that misses the SLO counts as a rise). The knob keeps its best value and the next knob is
 * swept. Then the {@code arms} cheapest feasible configurations profiled become Thompson-sampling arms,
 * seeded with their profile measurements.
 */
public final class ZeusJit implements Strategy {

    /** Tuning of the profiling and the sampling. */
    public static final class Options {
        int warmupSteps = 1;
        int profileSteps = 2;
        int patience = 2;
        int arms = 4;
        int window = 10;
        int minExplorations = 2;
        int passes = 2;

        public Options warmupSteps(int steps) {
            this.warmupSteps = requireAtLeast(steps, 0, "warmupSteps");
            return this;
        }

        public Options profileSteps(int steps) {
            this.profileSteps = requireAtLeast(steps, 1, "profileSteps");
            return this;
        }

        /** How many rises in a row stop a direction ("several" in Zeus). */
        public Options patience(int rises) {
            this.patience = requireAtLeast(rises, 1, "patience");
            return this;
        }

        public Options arms(int count) {
            this.arms = requireAtLeast(count, 1, "arms");
            return this;
        }

        public Options window(int observations) {
            this.window = requireAtLeast(observations, 1, "window");
            return this;
        }

        /**
         * How many times to sweep every knob (default 2): a knob swept while the others made the SLO unreachable
         * gets a second look. Configurations profiled before are not measured again.
         */
        public Options passes(int count) {
            this.passes = requireAtLeast(count, 1, "passes");
            return this;
        }

        public Options minExplorations(int observations) {
            this.minExplorations = requireAtLeast(observations, 0, "minExplorations");
            return this;
        }
    }

    static int requireAtLeast(int value, int min, String what) {
        if (value < min) {
            throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    private final SearchSpace space;
    private final Objective objective;
    private final Random random;
    private final Options options;
    private final ThompsonSampler sampler;

    /** Mean cost and p95 of every configuration profiled. */
    private final Map<Configuration, double[]> profiled = new LinkedHashMap<>();
    private final Map<Configuration, List<Observation>> profileObservations = new LinkedHashMap<>();

    // Profiling state.
    private boolean profiling = true;
    private Configuration base;
    private int knob;
    private int pass;
    private Configuration passStart;
    private int startIndex;
    private int direction = -1;
    private int valueIndex;
    private int stepsAtValue;
    private double knobBestCost;
    private long knobBestValue;
    private int rises;
    private double previousLatency;
    private double knobFastestLatency;
    private long knobFastestValue;
    private double costSum;
    private double latencySum;
    private int costCount;

    public ZeusJit(SearchSpace space, Objective objective, Random random, Configuration start, Options options) {
        this.space = space;
        this.objective = objective;
        this.random = random;
        this.options = options;
        if (options.minExplorations > options.window) {
            throw new IllegalArgumentException("minExplorations (" + options.minExplorations
                    + ") cannot exceed the window (" + options.window + ")");
        }
        this.sampler = new ThompsonSampler(options.window, options.minExplorations, objective.sloS());
        // Zeus starts from the maximum power limit at the default batch size: here max-performance.
        this.base = start == null ? StaticStrategy.maxPerformance(space).best() : start;
        space.indices(base); // validates
        passStart = base;
        startKnob(0);
    }

    private void startKnob(int k) {
        knob = k;
        Knob current = space.knobs().get(k);
        startIndex = current.indexOf(base.get(current.name()));
        // From the maximum only downwards; from a middle setting down first, then up.
        direction = -1;
        valueIndex = startIndex;
        stepsAtValue = 0;
        knobBestCost = Double.POSITIVE_INFINITY;
        knobBestValue = base.get(current.name());
        knobFastestLatency = Double.POSITIVE_INFINITY;
        knobFastestValue = knobBestValue;
        previousLatency = Double.NaN;
        rises = 0;
        resetValue();
    }

    private void resetValue() {
        stepsAtValue = 0;
        costSum = 0;
        latencySum = 0;
        costCount = 0;
    }

    @Override
    public String name() {
        return Strategies.ZEUS_JIT;
    }

    /** True while the strategy is still sweeping knobs. */
    public boolean profiling() {
        return profiling;
    }

    @Override
    public Configuration next() {
        if (profiling) {
            return profilingConfiguration();
        }
        return sampler.choose(random);
    }

    @Override
    public String reason() {
        return profiling ? "JIT profiling " + space.knobs().get(knob).name()
                : "Thompson sampling over " + sampler.arms().size() + " arms";
    }

    private Configuration profilingConfiguration() {
        // Values profiled earlier (the base of the previous knob, a second pass) are reused, not measured again.
        while (profiling) {
            Configuration config = currentValueConfiguration();
            double[] known = profiled.get(config);
            if (known == null) {
                return config;
            }
            finishValue(known[0], known[1]);
        }
        return sampler.choose(random);
    }

    private Configuration currentValueConfiguration() {
        Knob current = space.knobs().get(knob);
        return base.with(current.name(), current.value(valueIndex));
    }

    @Override
    public void observe(Observation observation) {
        if (!profiling) {
            sampler.observe(observation.configuration(), observation.cost(objective), observation.latencyP95S());
            return;
        }
        if (!observation.configuration().equals(currentValueConfiguration())) {
            return; // not the window we asked for
        }
        stepsAtValue++;
        if (stepsAtValue <= options.warmupSteps) {
            return;
        }
        costSum += observation.cost(objective);
        latencySum += observation.latencyP95S();
        costCount++;
        List<Observation> kept = profileObservations.get(observation.configuration());
        if (kept == null) {
            kept = new ArrayList<>();
            profileObservations.put(observation.configuration(), kept);
        }
        kept.add(observation);
        if (costCount < options.profileSteps) {
            return;
        }
        double cost = costSum / costCount;
        double latency = latencySum / costCount;
        profiled.put(currentValueConfiguration(), new double[] {cost, latency});
        finishValue(cost, latency);
    }

    private void finishValue(double cost, double latency) {
        Knob current = space.knobs().get(knob);
        boolean feasible = objective.meetsSlo(latency);
        if (latency < knobFastestLatency) {
            knobFastestLatency = latency;
            knobFastestValue = current.value(valueIndex);
        }
        if (feasible && cost < knobBestCost) {
            knobBestCost = cost;
            knobBestValue = current.value(valueIndex);
            rises = 0;
        } else if (feasible || Double.isNaN(previousLatency) || latency >= previousLatency) {
            rises++; // dearer, or missing the SLO by more than the value before
        } else if (Double.isInfinite(knobBestCost)) {
            rises = 0; // still infeasible but heading towards the SLO: keep going
        } else {
            rises++;
        }
        previousLatency = latency;
        resetValue();
        int nextIndex = valueIndex + direction;
        boolean directionDone = rises >= options.patience || nextIndex < 0 || nextIndex >= current.size();
        if (!directionDone) {
            valueIndex = nextIndex;
            return;
        }
        if (direction < 0 && startIndex + 1 < current.size()) {
            direction = 1;
            rises = 0;
            previousLatency = Double.NaN;
            valueIndex = startIndex + 1;
            return;
        }
        // No feasible value: keep the fastest one, the closest to the SLO, for the next knob's sweep.
        base = base.with(current.name(), Double.isInfinite(knobBestCost) ? knobFastestValue : knobBestValue);
        if (knob + 1 < space.dimensions()) {
            startKnob(knob + 1);
        } else if (pass + 1 < options.passes && !base.equals(passStart)) {
            pass++;
            passStart = base;
            startKnob(0);
        } else {
            finishProfiling();
        }
    }

    private void finishProfiling() {
        profiling = false;
        List<Configuration> feasible = new ArrayList<>();
        for (Map.Entry<Configuration, double[]> entry : profiled.entrySet()) {
            if (objective.meetsSlo(entry.getValue()[1])) {
                feasible.add(entry.getKey());
            }
        }
        if (feasible.isEmpty()) {
            feasible.add(space.maximum()); // nothing met the SLO: the fastest setting is the best hope
        }
        Collections.sort(feasible, new Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                return Double.compare(profiled.get(a)[0], profiled.get(b)[0]);
            }
        });
        if (!feasible.contains(base) && profiled.containsKey(base)) {
            feasible.add(0, base);
        }
        for (Configuration arm : feasible.subList(0, Math.min(options.arms, feasible.size()))) {
            sampler.addArm(arm);
            List<Observation> seen = profileObservations.get(arm);
            if (seen != null) {
                for (Observation o : seen) {
                    sampler.observe(arm, o.cost(objective), o.latencyP95S());
                }
            }
        }
    }

    @Override
    public Configuration best() {
        if (!profiling) {
            return sampler.best();
        }
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Map.Entry<Configuration, double[]> entry : profiled.entrySet()) {
            if (objective.meetsSlo(entry.getValue()[1]) && entry.getValue()[0] < bestCost) {
                best = entry.getKey();
                bestCost = entry.getValue()[0];
            }
        }
        return best != null ? best : base;
    }

    /** The Thompson arms once profiling is done (empty before). */
    public List<Configuration> arms() {
        return sampler.arms();
    }
}
