package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.zeusmobile.core.device.Configuration;

/**
 * Where the hybrid finds cooler arms when its thermal guard caps power: a measured arm's neighbours that the prior,
 * calibrated on that arm, expects to draw less and still to meet the SLO with room to spare. Calibrated in power
 * (the arm's measured over predicted) and in latency (what throttling did to the arm, the prior knowing a cool
 * device, it does to its neighbours). Also what the guard asks of the arms.
 */
final class CoolerArms implements ThermalGuard.Arms {

    /** Steps down in power per window when a cap leaves the best arms above it. */
    private static final int DESCENT_STEPS = 4;

    private final Objective objective;
    private final PriorArms arms;
    private final ThompsonSampler sampler;
    private final ArmPowers powers;
    private final SloTally slo;
    private final double sloShare;
    /** Arms whose cooler neighbours joined under a cap since the last change. */
    private final Set<Configuration> descended = new HashSet<>();

    /** @param sloShare the share of the SLO a never-measured arm's calibrated p95 may reach */
    CoolerArms(Objective objective, PriorArms arms, ThompsonSampler sampler, ArmPowers powers, SloTally slo,
            double sloShare) {
        this.objective = objective;
        this.arms = arms;
        this.sampler = sampler;
        this.powers = powers;
        this.slo = slo;
        this.sloShare = sloShare;
    }

    /** The cooler neighbours of {@code from} that are no arm yet, best first; none unless its power is known. */
    List<Configuration> neighboursOf(Configuration from) {
        List<Configuration> cooler = new ArrayList<>();
        Prediction atFrom = arms.predict(from);
        Double fromW = powers.powerW(from);
        if (fromW == null) {
            return cooler;
        }
        double calibration = atFrom == null ? 1 : fromW / atFrom.powerW();
        double measuredS = arms.measuredLatencyS(from);
        double slower = atFrom == null || Double.isNaN(measuredS) ? 1 : Math.max(1, measuredS / atFrom.latencyP95S());
        for (Configuration neighbour : arms.neighboursOf(from)) {
            Prediction p = arms.predict(neighbour);
            if (!sampler.hasArm(neighbour) && p != null && p.powerW() * calibration < fromW
                    && !arms.expectedToMissSlo(neighbour, sloShare)
                    && objective.meetsSlo(p.latencyP95S() * slower / sloShare)) {
                cooler.add(neighbour);
            }
        }
        return cooler;
    }

    /** Makes {@code neighbour} of {@code from} an arm, its power the prior's calibrated on {@code from}'s. */
    void join(Configuration neighbour, Configuration from) {
        Prediction atFrom = arms.predict(from);
        double calibration = atFrom == null ? 1 : powers.powerW(from) / atFrom.powerW();
        arms.prime(sampler, neighbour, 1, powers);
        powers.predict(neighbour, arms.predict(neighbour).powerW() * calibration);
    }

    /**
     * Under a cap of {@code capW}, the cheapest arm above it (not {@code excluded}) lends its cooler neighbours as
     * arms; then the cheapest of those still above the cap does, and so on down. A cap should cost a step of clocks
     * on the best configuration, not a fall back to whatever arm happened to be cool already (the governors at
     * batch 1 can cost half as much again as a throttled batch of two).
     */
    void descendBelow(double capW, Set<Configuration> excluded, ToDoubleFunction<Configuration> expectedCost) {
        for (int step = 0; step < DESCENT_STEPS; step++) {
            Configuration from = null;
            for (Configuration arm : sampler.arms()) {
                Double p = powers.powerW(arm);
                if (p != null && p > capW && !excluded.contains(arm) && !descended.contains(arm)
                        && arms.predict(arm) != null
                        && (from == null || expectedCost.applyAsDouble(arm) < expectedCost.applyAsDouble(from))) {
                    from = arm;
                }
            }
            if (from == null) {
                return;
            }
            descended.add(from);
            for (Configuration neighbour : neighboursOf(from)) {
                join(neighbour, from);
            }
        }
    }

    /** The measured arm of least power whose requests meet the SLO, or null. */
    Configuration coolestFeasible() {
        Configuration coolest = null;
        for (Configuration arm : sampler.arms()) {
            Double p = powers.powerW(arm);
            if (p != null && sampler.observations(arm) > 0 && slo.meets(arm)
                    && (coolest == null || p < powers.powerW(coolest))) {
                coolest = arm;
            }
        }
        return coolest;
    }

    @Override
    public Double coolestFeasibleW() {
        Configuration coolest = coolestFeasible();
        return coolest == null ? null : powers.powerW(coolest);
    }

    @Override
    public boolean feasibleAtOrBelow(double capW) {
        for (Configuration arm : sampler.arms()) {
            Double p = powers.powerW(arm);
            if (p != null && p <= capW && slo.meets(arm)) {
                return true;
            }
        }
        return false;
    }

    /** After a change: every arm may lend its cooler neighbours again. */
    void clear() {
        descended.clear();
    }
}
