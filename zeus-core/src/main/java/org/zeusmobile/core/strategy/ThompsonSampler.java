package org.zeusmobile.core.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.zeusmobile.core.device.Configuration;

/**
 * Windowed Gaussian Thompson sampling over configurations ("arms"), minimising cost, as in Zeus's
 * batch-size optimizer (Zeus NSDI'23, section 4.2): each arm keeps its last {@code window} costs; its
 * posterior is Gaussian with {@code prec = prior_prec + n * reward_prec} and
 * {@code mean = (prior_prec * prior_mean + reward_prec * sum) / prec}, where {@code reward_prec} is
 * one over the arm's cost variance. Every arm is tried {@code minExplorations} times first; then one
 * cost is drawn from each feasible arm's posterior and the lowest draw wins.
 *
 * <p>Each observation also carries a constraint value: an arm is infeasible while the mean of its window's
 * exceeds the limit (zeus-jit: the p95 latency against the SLO; the hybrid: the share of requests over the SLO
 * against its tolerance). Not thread-safe.
 */
public final class ThompsonSampler {

    /** Relative cost noise assumed before any arm has two observations (5%). */
    private static final double DEFAULT_RELATIVE_VARIANCE = 0.05 * 0.05;
    private static final double MIN_RELATIVE_VARIANCE = 1e-6;

    /** {@link #pooledRelativeVariance}'s value until the next observation or forgetting; NaN when stale. */
    private double pooledVariance = Double.NaN;
    private final int window;
    private final int minExplorations;
    private final double limit;
    private final Map<Configuration, Arm> arms = new LinkedHashMap<>();

    /**
     * @param window how many recent observations each arm remembers (older ones are forgotten, so the
     *     sampler follows drift)
     * @param minExplorations observations every arm gets before sampling starts
     * @param limit the most an arm's mean constraint value may be and the arm still be feasible
     */
    public ThompsonSampler(int window, int minExplorations, double limit) {
        if (window < 1) {
            throw new IllegalArgumentException("the Thompson window must hold at least 1 observation, got " + window);
        }
        if (minExplorations < 0 || minExplorations > window) {
            throw new IllegalArgumentException("minExplorations must be in [0, window=" + window + "], got "
                    + minExplorations);
        }
        this.window = window;
        this.minExplorations = minExplorations;
        this.limit = limit;
    }

    /** Adds an arm with an uninformative prior (Zeus's default: precision 0). Existing arms are kept. */
    public void addArm(Configuration configuration) {
        addArm(configuration, 0, 0);
    }

    /**
     * Adds an arm with a Gaussian prior on its cost; an existing arm keeps its observations but takes the new prior.
     *
     * @param priorPrecision one over the prior variance of the cost; 0 for none
     */
    public void addArm(Configuration configuration, double priorMean, double priorPrecision) {
        if (!(priorPrecision >= 0) || Double.isInfinite(priorPrecision)) {
            throw new IllegalArgumentException("prior precision must be finite and >= 0, got " + priorPrecision);
        }
        Arm arm = arms.get(configuration);
        if (arm == null) {
            arm = new Arm(configuration, window);
            arms.put(configuration, arm);
        }
        arm.priorMean = priorPrecision > 0 ? priorMean : 0;
        arm.priorPrecision = priorPrecision;
    }

    public boolean hasArm(Configuration configuration) {
        return arms.containsKey(configuration);
    }

    public List<Configuration> arms() {
        return new ArrayList<>(arms.keySet());
    }

    /** Forgets the observations of {@code configuration} (after a detected change); its prior stays. */
    public void forget(Configuration configuration) {
        Arm arm = arms.get(configuration);
        if (arm != null) {
            arm.clear();
            pooledVariance = Double.NaN;
        }
    }

    /** Records one window's cost and constraint value for the arm; observations of unknown arms are ignored. */
    public void observe(Configuration configuration, double cost, double constraint) {
        Arm arm = arms.get(configuration);
        if (arm != null) {
            arm.add(cost, constraint);
            pooledVariance = Double.NaN;
        }
    }

    /** How many observations the arm's window holds now. */
    public int observations(Configuration configuration) {
        Arm arm = arms.get(configuration);
        return arm == null ? 0 : arm.count;
    }

    /** The arm's posterior mean cost, or NaN when it has neither observations nor a prior. */
    public double posteriorMean(Configuration configuration) {
        Arm arm = arms.get(configuration);
        if (arm == null) {
            return Double.NaN;
        }
        double rewardPrecision = rewardPrecision(arm, pooledRelativeVariance());
        double precision = arm.priorPrecision + arm.count * rewardPrecision;
        return precision > 0 ? (arm.priorPrecision * arm.priorMean + rewardPrecision * arm.sum()) / precision : Double.NaN;
    }

    /**
     * The standard deviation of the arm's posterior cost, or infinity when it has neither observations nor a
     * prior.
     */
    public double posteriorSd(Configuration configuration) {
        Arm arm = arms.get(configuration);
        if (arm == null) {
            return Double.POSITIVE_INFINITY;
        }
        double precision = arm.priorPrecision + arm.count * rewardPrecision(arm, pooledRelativeVariance());
        return precision > 0 ? 1 / Math.sqrt(precision) : Double.POSITIVE_INFINITY;
    }

    /** The mean of the arm's windowed constraint values, or NaN without observations. */
    public double meanConstraint(Configuration configuration) {
        Arm arm = arms.get(configuration);
        return arm == null || arm.count == 0 ? Double.NaN : arm.constraintSum() / arm.count;
    }

    public boolean feasible(Configuration configuration) {
        Arm arm = arms.get(configuration);
        return arm != null && arm.feasible(limit);
    }

    /**
     * The arm to run next: an arm still short of its minimum explorations (the one with the lowest prior mean
     * first), otherwise the feasible arm with the lowest posterior draw. When no arm is feasible, the arm with
     * the lowest mean constraint value (the best chance of meeting it).
     */
    public Configuration choose(Random random) {
        return choose(random, java.util.Collections.<Configuration>emptySet());
    }

    /** As {@link #choose(Random)}, leaving out the arms in {@code excluded} (unless every arm is excluded). */
    public Configuration choose(Random random, java.util.Set<Configuration> excluded) {
        if (excluded.size() >= arms.size()) {
            excluded = java.util.Collections.<Configuration>emptySet();
        }
        if (arms.isEmpty()) {
            throw new IllegalStateException("the Thompson sampler has no arms; add arms before choosing");
        }
        Arm unexplored = null;
        for (Arm arm : arms.values()) {
            if (excluded.contains(arm.configuration)) {
                continue;
            }
            if (arm.count < minExplorations && (unexplored == null || priorKey(arm) < priorKey(unexplored))) {
                unexplored = arm;
            }
        }
        if (unexplored != null) {
            return unexplored.configuration;
        }
        double pooled = pooledRelativeVariance();
        Arm best = null;
        double bestDraw = Double.POSITIVE_INFINITY;
        for (Arm arm : arms.values()) {
            if (!arm.feasible(limit) || excluded.contains(arm.configuration)) {
                continue;
            }
            double rewardPrecision = rewardPrecision(arm, pooled);
            double precision = arm.priorPrecision + arm.count * rewardPrecision;
            double draw;
            if (precision <= 0) {
                draw = Double.NEGATIVE_INFINITY; // nothing known: try it
            } else {
                double mean = (arm.priorPrecision * arm.priorMean + rewardPrecision * arm.sum()) / precision;
                draw = mean + random.nextGaussian() / Math.sqrt(precision);
            }
            if (draw < bestDraw || best == null) {
                best = arm;
                bestDraw = draw;
            }
        }
        return best != null ? best.configuration : fastest().configuration;
    }

    /** The feasible arm with the lowest posterior mean (the exploit choice), or the fastest when none is feasible. */
    public Configuration best() {
        if (arms.isEmpty()) {
            throw new IllegalStateException("the Thompson sampler has no arms");
        }
        double pooled = pooledRelativeVariance();
        Arm best = null;
        double bestMean = Double.POSITIVE_INFINITY;
        for (Arm arm : arms.values()) {
            if (arm.count == 0 || !arm.feasible(limit)) {
                continue;
            }
            double rewardPrecision = rewardPrecision(arm, pooled);
            double precision = arm.priorPrecision + arm.count * rewardPrecision;
            double mean = (arm.priorPrecision * arm.priorMean + rewardPrecision * arm.sum()) / precision;
            if (mean < bestMean) {
                best = arm;
                bestMean = mean;
            }
        }
        return best != null ? best.configuration : fastest().configuration;
    }

    private Arm fastest() {
        Arm fastest = null;
        double fastestLatency = Double.POSITIVE_INFINITY;
        for (Arm arm : arms.values()) {
            double latency = arm.count == 0 ? Double.POSITIVE_INFINITY : arm.constraintSum() / arm.count;
            if (fastest == null || latency < fastestLatency) {
                fastest = arm;
                fastestLatency = latency;
            }
        }
        return fastest;
    }

    private static double priorKey(Arm arm) {
        return arm.priorPrecision > 0 ? arm.priorMean : Double.POSITIVE_INFINITY;
    }

    /**
     * The windows' cost noise as a relative standard deviation, pooled over every arm with two or more
     * observations (5% before any has).
     */
    public double relativeNoiseSd() {
        return Math.sqrt(pooledRelativeVariance());
    }

    /**
     * Cost noise relative to the mean, pooled (by degrees of freedom) over every arm with two or more observations;
     * kept until an observation changes it, since every posterior needs it and arms run into the thousands.
     */
    private double pooledRelativeVariance() {
        if (Double.isNaN(pooledVariance)) {
            pooledVariance = computePooledRelativeVariance();
        }
        return pooledVariance;
    }

    private double computePooledRelativeVariance() {
        double sum = 0;
        int degrees = 0;
        for (Arm arm : arms.values()) {
            if (arm.count >= 2) {
                double mean = arm.sum() / arm.count;
                if (mean != 0) {
                    // Weighted by degrees of freedom: an arm seen twice says less about the noise than one seen 8 times.
                    sum += (arm.count - 1) * arm.variance() / (mean * mean);
                    degrees += arm.count - 1;
                }
            }
        }
        return degrees == 0 ? DEFAULT_RELATIVE_VARIANCE : Math.max(MIN_RELATIVE_VARIANCE, sum / degrees);
    }

    /** One over the arm's cost variance: its own when it has two observations, else the pooled relative noise. */
    private static double rewardPrecision(Arm arm, double pooledRelativeVariance) {
        double mean = arm.count > 0 ? arm.sum() / arm.count : arm.priorMean;
        double floor = MIN_RELATIVE_VARIANCE * mean * mean;
        double variance = arm.count >= 2 ? Math.max(arm.variance(), pooledRelativeVariance * mean * mean * 0.25)
                : pooledRelativeVariance * mean * mean;
        variance = Math.max(variance, floor);
        return variance > 0 ? 1 / variance : 1e12;
    }

    private static final class Arm {
        final Configuration configuration;
        final double[] costs;
        final double[] constraints;
        int count;
        int next;
        double priorMean;
        double priorPrecision;

        Arm(Configuration configuration, int window) {
            this.configuration = configuration;
            this.costs = new double[window];
            this.constraints = new double[window];
        }

        void add(double cost, double constraint) {
            costs[next] = cost;
            constraints[next] = constraint;
            next = (next + 1) % costs.length;
            count = Math.min(count + 1, costs.length);
        }

        void clear() {
            count = 0;
            next = 0;
        }

        double sum() {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += costs[index(i)];
            }
            return sum;
        }

        double constraintSum() {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += constraints[index(i)];
            }
            return sum;
        }

        double variance() {
            double mean = sum() / count;
            double sq = 0;
            for (int i = 0; i < count; i++) {
                double d = costs[index(i)] - mean;
                sq += d * d;
            }
            return sq / (count - 1);
        }

        /** The position of the i-th most recent observation. */
        int index(int i) {
            return ((next - 1 - i) % costs.length + costs.length) % costs.length;
        }

        boolean feasible(double limit) {
            return count == 0 || constraintSum() / count <= limit;
        }
    }
}
