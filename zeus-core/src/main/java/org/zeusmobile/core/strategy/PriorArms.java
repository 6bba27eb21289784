package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;

/**
 * What the hybrid's arms start from: the prior's predictions (for the governed baseline, what default
 * measured), rescaled by the changes detected so far, turned into Thompson-sampling priors on cost and into
 * the candidates worth an arm. Latencies measured at an arm outlive a change (rescaled by it), so that an arm
 * found to miss the SLO is not tried again just because its window was cleared.
 */
final class PriorArms {

    /** Spaces up to this size are ranked again under the rescaled prior after a change. */
    private static final int RERANK_LIMIT = 20_000;
    /** Weight of a new window in an arm's measured latency. */
    private static final double LATENCY_AVERAGING = 0.3;

    private final SearchSpace space;
    private final Objective objective;
    private final Prior prior;
    private final Prediction baseline;
    /** The device's default behaviour as the space holds it: the governors, held knobs at their values. */
    private final Configuration governedArm;
    private final double relativeSd;
    /** What the prior's costs and latencies are multiplied by since the changes detected so far. */
    private double costScale = 1;
    private double latencyScale = 1;
    /** The p95 latency measured at each arm, s (recent windows), rescaled by later changes. */
    private final Map<Configuration, Double> measuredLatencyS = new HashMap<>();
    /** Latencies (s) and costs calibrated on a measured neighbour, until a change clears them. */
    private final Map<Configuration, Double> calibratedLatencyS = new HashMap<>();
    private final Map<Configuration, Double> calibratedCost = new HashMap<>();

    /**
     * @param baseline what default (every knob governed) measured, or null when the governors are no arm
     * @param relativeSd the prior's relative standard deviation on cost
     */
    PriorArms(SearchSpace space, Objective objective, Prior prior, Prediction baseline, double relativeSd) {
        this.space = space;
        this.objective = objective;
        this.prior = prior;
        this.baseline = baseline;
        this.governedArm = StaticStrategy.governedAtBatch(space, -1);
        this.relativeSd = relativeSd;
    }

    /** The arm that is the device's default behaviour: the governors, held knobs at their values. */
    Configuration governedArm() {
        return governedArm;
    }

    /** The prior's prediction; for the governed baseline, what default measured; null when unknown. */
    Prediction predict(Configuration configuration) {
        return configuration.equals(governedArm) ? baseline : prior.predict(configuration);
    }

    /** The space's neighbours; none for the governed baseline, which has no position in the space. */
    List<Configuration> neighboursOf(Configuration configuration) {
        return space.contains(configuration) ? space.neighbours(configuration) : new ArrayList<Configuration>();
    }

    /** The arms to start with: the governors (when measured), the prior's best and their feasible neighbours. */
    List<Configuration> startingArms(int candidates) {
        Set<Configuration> arms = new LinkedHashSet<>();
        if (baseline != null) {
            arms.add(governedArm);
        }
        List<Configuration> ranked = prior.ranked(candidates);
        if (ranked.isEmpty()) {
            ranked.add(space.maximum());
        }
        arms.addAll(ranked);
        for (Configuration candidate : ranked) {
            for (Configuration neighbour : space.neighbours(candidate)) {
                if (!expectedToMissSlo(neighbour)) {
                    arms.add(neighbour);
                }
            }
        }
        return new ArrayList<>(arms);
    }

    /**
     * Adds {@code arm} to the sampler with the rescaled prior cost as its prior mean and a standard deviation of
     * {@code sdFactor} x the relative sd; uninformative where the prior knows nothing. Tells {@code powers} what
     * the arm is expected to draw.
     */
    void prime(ThompsonSampler sampler, Configuration arm, double sdFactor, ArmPowers powers) {
        Prediction p = predict(arm);
        double cost = expectedCost(arm);
        if (cost > 0) {
            double sd = relativeSd * sdFactor * cost;
            sampler.addArm(arm, cost, 1 / (sd * sd));
            powers.predict(arm, p.powerW());
        } else if (!sampler.hasArm(arm)) {
            sampler.addArm(arm);
        }
    }

    /** Remembers a window's p95 latency at {@code arm} (an exponential average over its recent windows). */
    void measuredLatency(Configuration arm, double latencyP95S) {
        if (Double.isNaN(latencyP95S)) {
            return;
        }
        Double before = measuredLatencyS.get(arm);
        measuredLatencyS.put(arm, before == null ? latencyP95S
                : before + LATENCY_AVERAGING * (latencyP95S - before));
    }

    /** The arm's p95 latency as measured, NaN before its first window. */
    double measuredLatencyS(Configuration arm) {
        Double measured = measuredLatencyS.get(arm);
        return measured == null ? Double.NaN : measured;
    }

    /** The prior's cost of {@code arm}, calibrated on a neighbour or rescaled; NaN where the prior knows nothing. */
    double expectedCost(Configuration arm) {
        Double calibrated = calibratedCost.get(arm);
        if (calibrated != null) {
            return calibrated;
        }
        Prediction p = predict(arm);
        return p == null ? Double.NaN : p.cost(objective) * costScale;
    }

    double relativeSd() {
        return relativeSd;
    }

    /**
     * The arm's expected p95 latency: measured (rescaled since), else calibrated on a measured neighbour, else
     * the rescaled prior's, else NaN.
     */
    double expectedLatencyS(Configuration arm) {
        Double measured = measuredLatencyS.get(arm);
        if (measured != null) {
            return measured;
        }
        Double calibrated = calibratedLatencyS.get(arm);
        if (calibrated != null) {
            return calibrated;
        }
        Prediction p = predict(arm);
        return p == null ? Double.NaN : p.latencyP95S() * latencyScale;
    }

    /**
     * The p95 latency {@code arm} may have on this device now when it has never been measured here: its expected
     * latency, slowed as much as the firmware's caps could slow it. The prior was made on another, cool device;
     * default's run measured the governors here, under whatever caps this device's heat imposes now, at their
     * measured power. An arm expected to draw more than that may be held to it, and a processor held to a share of
     * its power still runs at least that share of its speed (power falls faster than frequency: dynamic power is
     * f V^2, and V falls with f), so its latency grows at most by the ratio of the powers. Without a measured
     * baseline, or for an arm expected to draw no more than the governors, the expected latency.
     */
    double throttledLatencyBoundS(Configuration arm) {
        double latency = expectedLatencyS(arm);
        Prediction p = predict(arm);
        if (baseline == null || p == null || !(baseline.powerW() > 0) || !(p.powerW() > baseline.powerW())) {
            return latency;
        }
        return latency * p.powerW() / baseline.powerW();
    }

    /** Whether what is known of {@code arm} says it misses the SLO (unknown: no). */
    boolean expectedToMissSlo(Configuration arm) {
        return expectedToMissSlo(arm, 1);
    }

    /**
     * Whether what is known of {@code arm} says its p95 latency exceeds {@code share} of the SLO (unknown: no): an
     * arm never measured is tried only with room to spare, as a prediction may be off.
     */
    boolean expectedToMissSlo(Configuration arm, double share) {
        double latency = expectedLatencyS(arm);
        return !Double.isNaN(latency) && !objective.meetsSlo(latency / share);
    }

    /** A change made costs {@code costRatio} and latencies {@code latencyRatio} times what they were. */
    void rescale(double costRatio, double latencyRatio) {
        if (costRatio > 0 && !Double.isInfinite(costRatio)) {
            costScale *= costRatio;
        }
        calibratedLatencyS.clear();
        calibratedCost.clear();
        if (latencyRatio > 0 && !Double.isInfinite(latencyRatio)) {
            latencyScale *= latencyRatio;
            for (Map.Entry<Configuration, Double> entry : measuredLatencyS.entrySet()) {
                entry.setValue(entry.getValue() * latencyRatio);
            }
        }
    }

    /**
     * Local search past the prior's ranking: the neighbours of {@code best} (measured at {@code bestCost}) that the
     * prior, calibrated on {@code best}'s measured cost and latency, expects may cost less (within two of its
     * standard deviations) and to keep {@code sloShare} of the SLO. Their calibrated cost and latency are remembered (see {@link #expectedCost}).
     */
    List<Configuration> cheaperNeighbours(Configuration best, double bestCost, double sloShare) {
        List<Configuration> result = new ArrayList<>();
        Prediction atBest = predict(best);
        double bestLatency = measuredLatencyS(best);
        if (atBest == null || Double.isNaN(bestLatency)) {
            return result;
        }
        double costRatio = bestCost / atBest.cost(objective);
        double latencyRatio = bestLatency / atBest.latencyP95S();
        for (Configuration neighbour : neighboursOf(best)) {
            Prediction p = predict(neighbour);
            if (p == null || measuredLatencyS.containsKey(neighbour)) {
                continue;
            }
            double latency = p.latencyP95S() * latencyRatio;
            double cost = p.cost(objective) * costRatio;
            if (cost < bestCost * (1 + 2 * relativeSd) && objective.meetsSlo(latency / sloShare)) {
                calibratedLatencyS.put(neighbour, latency);
                calibratedCost.put(neighbour, cost);
                result.add(neighbour);
            }
        }
        return result;
    }

    /** The rescaled prior's best configurations that are expected to meet the SLO, with their neighbours. */
    List<Configuration> rescaledCandidates(int candidates) {
        List<Configuration> result = new ArrayList<>();
        if (space.size() > RERANK_LIMIT) {
            return result;
        }
        final Map<Configuration, Double> cost = new HashMap<>();
        for (Configuration c : space.all(RERANK_LIMIT)) {
            Prediction p = predict(c);
            if (p != null && !expectedToMissSlo(c)) {
                cost.put(c, p.cost(objective));
            }
        }
        List<Configuration> sorted = new ArrayList<>(cost.keySet());
        Collections.sort(sorted, new Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                return Double.compare(cost.get(a), cost.get(b));
            }
        });
        for (Configuration c : sorted.subList(0, Math.min(candidates, sorted.size()))) {
            result.add(c);
            for (Configuration n : space.neighbours(c)) {
                if (!expectedToMissSlo(n)) {
                    result.add(n);
                }
            }
        }
        return result;
    }
}
