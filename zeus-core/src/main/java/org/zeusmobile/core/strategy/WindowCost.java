package org.zeusmobile.core.strategy;

import org.zeusmobile.core.device.Configuration;

/**
 * The cost per inference the hybrid learns its arms by, one window at a time. In closed loop, the objective's.
 * Under open loop, the window's power times the run's mean time per inference: the energy per inference of a
 * window swings with how many requests happened to arrive in it (idle power over a random count; 16% for 40
 * Poisson arrivals), its power hardly at all, and the arrivals are the same whatever the configuration. Plus the
 * arm's share of the pauses without requests ({@link IdleEnergy}).
 */
final class WindowCost {

    private final Objective objective;
    private final IdleEnergy idle = new IdleEnergy();
    /** Time and inferences over every window with requests so far: the mean time per inference under open loop. */
    private double runTimeS;
    private long runInferences;

    WindowCost(Objective objective) {
        this.objective = objective;
    }

    /** The cost of the window {@code observation} measured; counts it into the run's mean time per inference. */
    double of(Observation observation) {
        runTimeS += observation.timePerInferenceS() * observation.inferences();
        runInferences += observation.inferences();
        if (observation.traffic() != Traffic.OPEN_LOOP) {
            return observation.cost(objective);
        }
        double meanTimeS = runTimeS / runInferences;
        return objective.cost(observation.powerW() * meanTimeS, meanTimeS, Traffic.OPEN_LOOP)
                + idle.perInferenceJ(observation.configuration(), runInferences);
    }

    /** A window at {@code arm} that served no request, {@code first} of its pause or not. */
    void pause(Configuration arm, double energyJ, double elapsedS, boolean first) {
        idle.observe(arm, energyJ, elapsedS, first);
    }

    /** The arm to idle at: of least idle power among those seen or known idle that {@code eligible} accepts. */
    Configuration cheapestIdle(java.util.function.Predicate<Configuration> eligible, Configuration fallback) {
        return idle.cheapestIdle(eligible, fallback);
    }

    /** What {@code arm} draws idle, known before the run (default's own pauses, for the governors). */
    void knowIdlePower(Configuration arm, double powerW) {
        idle.know(arm, powerW);
    }
}
