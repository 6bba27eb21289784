package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;

/**
 * Zeus's just-in-time profiling (Zeus NSDI'23, section 4.3), generalised from the GPU power limit to
 * several knobs ({@link JitSweep}), followed by Zeus's windowed Gaussian Thompson sampling. The sweep starts
 * where Zeus starts, at the maximum power limit and the default batch: here max-performance (every frequency
 * at its maximum, batch at its minimum). Then the {@code arms} cheapest feasible configurations profiled
 * become Thompson-sampling arms, seeded with their profile measurements.
 */
public final class ZeusJit implements Strategy {

    /** Tuning of the profiling and the sampling. */
    public static final class Options {
        int warmupSteps = 1;
        int profileSteps = 2;
        int patience = 2;
        int arms = 4;
        int passes = 2;

        /** Windows measured and discarded at each new value while it settles (default 1). */
        public Options warmupSteps(int steps) {
            this.warmupSteps = requireAtLeast(steps, 0, "warmupSteps");
            return this;
        }

        /** Windows averaged into each value's profile (default 2). */
        public Options profileSteps(int steps) {
            this.profileSteps = requireAtLeast(steps, 1, "profileSteps");
            return this;
        }

        /** How many rises in a row stop a direction ("several" in Zeus; default 2). */
        public Options patience(int rises) {
            this.patience = requireAtLeast(rises, 1, "patience");
            return this;
        }

        /** How many of the cheapest profiled configurations become Thompson-sampling arms (default 4). */
        public Options arms(int count) {
            this.arms = requireAtLeast(count, 1, "arms");
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

        private static int requireAtLeast(int value, int min, String what) {
            if (value < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }

    /** Observations each arm's Thompson window remembers (Zeus's window). */
    private static final int WINDOW = 10;
    /** Observations every arm gets before sampling starts. */
    private static final int MIN_EXPLORATIONS = 2;

    private final SearchSpace space;
    private final Objective objective;
    private final Random random;
    private final Options options;
    private final ThompsonSampler sampler;
    private final JitSweep sweep;

    public ZeusJit(SearchSpace space, Objective objective, Random random, Options options) {
        this.space = space;
        this.objective = objective;
        this.random = random;
        this.options = options;
        this.sampler = new ThompsonSampler(WINDOW, MIN_EXPLORATIONS, objective.sloS());
        this.sweep = new JitSweep(space, objective, StaticStrategy.maxPerformance(space).best(), options);
    }

    @Override
    public String name() {
        return Strategies.ZEUS_JIT;
    }

    /** True while the strategy is still sweeping knobs. */
    public boolean profiling() {
        return !sweep.done();
    }

    @Override
    public Configuration next() {
        Configuration probe = sweep.next();
        if (probe != null) {
            return probe;
        }
        if (sampler.arms().isEmpty()) {
            armTheSampler();
        }
        return sampler.choose(random);
    }

    @Override
    public String reason() {
        Configuration probe = sweep.done() ? null : sweep.next();
        return probe != null ? "JIT profiling " + sweep.knobBeingSwept()
                : "Thompson sampling over " + sampler.arms().size() + " arms";
    }

    @Override
    public void observe(Observation observation) {
        if (!sweep.done()) {
            sweep.observe(observation);
            return;
        }
        sampler.observe(observation.configuration(), observation.cost(objective), observation.latencyP95S());
    }

    /** The cheapest feasible configurations profiled (the base first when infeasible) become arms. */
    private void armTheSampler() {
        final Map<Configuration, JitSweep.Profile> profiled = sweep.profiled();
        List<Configuration> feasible = new ArrayList<>();
        for (Map.Entry<Configuration, JitSweep.Profile> entry : profiled.entrySet()) {
            if (objective.meetsSlo(entry.getValue().latencyP95S)) {
                feasible.add(entry.getKey());
            }
        }
        if (feasible.isEmpty()) {
            feasible.add(space.maximum()); // nothing met the SLO: the fastest setting is the best hope
        }
        Collections.sort(feasible, new Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                return Double.compare(costOf(profiled, a), costOf(profiled, b));
            }
        });
        Configuration base = sweep.base();
        if (!feasible.contains(base) && profiled.containsKey(base)) {
            feasible.add(0, base);
        }
        for (Configuration arm : feasible.subList(0, Math.min(options.arms, feasible.size()))) {
            sampler.addArm(arm);
            JitSweep.Profile profile = profiled.get(arm);
            if (profile != null) {
                for (Observation o : profile.windows) {
                    sampler.observe(arm, o.cost(objective), o.latencyP95S());
                }
            }
        }
    }

    private static double costOf(Map<Configuration, JitSweep.Profile> profiled, Configuration c) {
        JitSweep.Profile p = profiled.get(c);
        return p == null ? Double.POSITIVE_INFINITY : p.cost;
    }

    @Override
    public Configuration best() {
        if (sweep.done()) {
            if (sampler.arms().isEmpty()) {
                armTheSampler();
            }
            return sampler.best();
        }
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Map.Entry<Configuration, JitSweep.Profile> entry : sweep.profiled().entrySet()) {
            if (objective.meetsSlo(entry.getValue().latencyP95S) && entry.getValue().cost < bestCost) {
                best = entry.getKey();
                bestCost = entry.getValue().cost;
            }
        }
        return best != null ? best : sweep.base();
    }

    /** The Thompson arms once profiling is done (empty before). */
    public List<Configuration> arms() {
        return sampler.arms();
    }
}
