package org.zeusmobile.bo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.zeusmobile.core.device.Configuration;
import org.zeusmobile.core.strategy.Objective;
import org.zeusmobile.core.strategy.Observation;
import org.zeusmobile.core.strategy.Prediction;
import org.zeusmobile.core.strategy.Prior;
import org.zeusmobile.core.strategy.SearchSpace;
import org.zeusmobile.core.strategy.Strategies;
import org.zeusmobile.core.strategy.Strategy;
import org.zeusmobile.core.strategy.Traffic;

/**
 * PolyThrottle's constrained Bayesian optimisation (Yan et al., MLSys'24): GP surrogates over the joint knob
 * space for the cost and for the p95 latency, acquisition = expected improvement of the cost times the
 * probability that latency meets the SLO. A Latin-hypercube initial design (the maximum configuration
 * included), then one sample per measurement window until {@code maxSamples} or until the best acquisition
 * promises less than {@code minRelativeImprovement}. Then it holds the best feasible configuration it
 * measured: a static answer.
 *
 * <p>The cost is the objective's, {@code eta * E + (1 - eta) * P_max * T}; with {@code eta = 1} it is the
 * energy per inference, PolyThrottle's own target. GPs model logarithms (costs and latencies are positive
 * and vary by factors). Also a {@link Prior}: the hybrid's BO warm start.
 */
public final class PolythrottleBo implements Strategy, Prior {

    /** Tuning of the search. */
    public static final class Options {
        int initialSamples = 6;
        int maxSamples = 20;
        double minRelativeImprovement = 0.002;

        public Options initialSamples(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("BO needs at least one initial sample, got " + count);
            }
            this.initialSamples = count;
            return this;
        }

        public Options maxSamples(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("BO needs at least one sample, got " + count);
            }
            this.maxSamples = count;
            return this;
        }

        /** Stop once EI x P(feasible) promises less than this fraction of the best cost (default 0.2%). */
        public Options minRelativeImprovement(double fraction) {
            this.minRelativeImprovement = fraction;
            return this;
        }
    }

    /** Spaces larger than this are searched on a random subset plus the incumbent's neighbourhood. */
    static final int CANDIDATE_LIMIT = 20_000;

    /** Matérn 5/2, the usual kernel for BO (Snoek et al. 2012): twice differentiable, not over-smooth. */
    private static final GaussianProcess.Kernel KERNEL = GaussianProcess.Kernel.MATERN52;

    private final SearchSpace space;
    private final Objective objective;
    private final Random random;
    private final Options options;
    private final List<Configuration> initialDesign;
    private final List<Configuration> sampled = new ArrayList<>();
    private final List<double[]> inputs = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    /** Time and requests over every sample so far: their mean time per request, for open-loop samples. */
    private double sampledTimeS;
    private long sampledRequests;
    private final List<Configuration> candidates;
    private Configuration pending;
    private boolean done;
    private GaussianProcess costModel;
    private GaussianProcess latencyModel;
    private GaussianProcess energyModel;
    private GaussianProcess timeModel;

    public PolythrottleBo(SearchSpace space, Objective objective, Random random, Options options) {
        this.space = space;
        this.objective = objective;
        this.random = random;
        this.options = options;
        this.initialDesign = latinHypercube(Math.min(options.initialSamples, options.maxSamples));
        this.candidates = space.size() <= CANDIDATE_LIMIT ? space.all(CANDIDATE_LIMIT) : null;
        this.pending = initialDesign.get(0);
    }

    @Override
    public String name() {
        return Strategies.POLYTHROTTLE_BO;
    }

    /** The maximum configuration, then points spread over every knob's range (one stratum per point). */
    private List<Configuration> latinHypercube(int count) {
        LinkedHashSet<Configuration> design = new LinkedHashSet<>();
        design.add(space.maximum());
        int d = space.dimensions();
        int points = Math.max(0, count - 1);
        int[][] strata = new int[d][];
        for (int k = 0; k < d; k++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            strata[k] = new int[points];
            for (int i = 0; i < points; i++) {
                strata[k][i] = order.get(i);
            }
        }
        for (int i = 0; i < points; i++) {
            int[] indices = new int[d];
            for (int k = 0; k < d; k++) {
                int size = space.knobs().get(k).size();
                double u = (strata[k][i] + random.nextDouble()) / points;
                indices[k] = Math.min(size - 1, (int) Math.floor(u * size));
            }
            design.add(space.configuration(indices));
        }
        return new ArrayList<>(design);
    }

    /** True once the search has stopped and the strategy holds its answer. */
    public boolean done() {
        return done;
    }

    /** How many windows the search has measured. */
    public int samples() {
        return sampled.size();
    }

    @Override
    public Configuration next() {
        return done ? best() : pending;
    }

    /** How {@link #reason()} begins once the search has stopped: the deployed phase, after offline profiling. */
    public static final String DEPLOYED_REASON = "BO finished";

    @Override
    public String reason() {
        if (done) {
            return DEPLOYED_REASON + " after " + sampled.size() + " samples: best predicted";
        }
        return sampled.size() < initialDesign.size() ? "BO initial design sample " + (sampled.size() + 1)
                : "BO expected improvement, sample " + (sampled.size() + 1);
    }

    @Override
    public void observe(Observation observation) {
        if (done || !observation.configuration().equals(pending)) {
            return;
        }
        if (!(observation.energyPerInferenceJ() > 0) || !(observation.latencyP95S() > 0)) {
            return; // a meter that did not move in the window says nothing of the configuration: measure it again
        }
        sampled.add(observation.configuration());
        inputs.add(space.normalised(observation.configuration()));
        observations.add(observation);
        sampledTimeS += observation.timePerInferenceS() * observation.inferences();
        sampledRequests += observation.inferences();
        costModel = null;
        energyModel = null;
        timeModel = null;
        if (sampled.size() >= options.maxSamples) {
            done = true;
            return;
        }
        if (sampled.size() < initialDesign.size()) {
            pending = initialDesign.get(sampled.size());
            return;
        }
        fitModels();
        Configuration bestCandidate = null;
        double bestAcquisition = -1;
        double incumbent = incumbentLogCost();
        for (Configuration candidate : candidateSet()) {
            if (sampled.contains(candidate)) {
                continue;
            }
            double a = acquisition(space.normalised(candidate), incumbent);
            if (a > bestAcquisition) {
                bestAcquisition = a;
                bestCandidate = candidate;
            }
        }
        // EI is in log-cost units: a relative improvement. Stop when it is negligible (once something is feasible).
        if (bestCandidate == null || (!Double.isNaN(incumbent) && bestAcquisition < options.minRelativeImprovement)) {
            done = true;
            return;
        }
        pending = bestCandidate;
    }

    private void fitModels() {
        int n = observations.size();
        double[][] x = inputs.toArray(new double[n][]);
        double[] cost = new double[n];
        double[] latency = new double[n];
        for (int i = 0; i < n; i++) {
            cost[i] = Math.log(measured(observations.get(i)).cost(objective));
            latency[i] = Math.log(observations.get(i).latencyP95S());
        }
        costModel = GaussianProcess.fit(x, cost, KERNEL);
        latencyModel = GaussianProcess.fit(x, latency, KERNEL);
    }

    private Iterable<Configuration> candidateSet() {
        if (candidates != null) {
            return candidates;
        }
        Set<Configuration> set = new LinkedHashSet<>();
        for (int i = 0; i < CANDIDATE_LIMIT / 2; i++) {
            set.add(space.random(random));
        }
        Configuration best = bestObserved();
        if (best != null) {
            set.addAll(space.neighbourhood(best, 2));
        }
        return set;
    }

    /** The lowest log cost among feasible samples, or NaN when none is feasible yet. */
    private double incumbentLogCost() {
        double best = Double.NaN;
        for (Observation o : observations) {
            if (objective.meetsSlo(o.latencyP95S())) {
                double c = Math.log(measured(o).cost(objective));
                if (Double.isNaN(best) || c < best) {
                    best = c;
                }
            }
        }
        return best;
    }

    /** EI(cost) x P(latency <= SLO); P(feasible) alone until something is feasible. */
    private double acquisition(double[] x, double incumbentLogCost) {
        double[] latency = latencyModel.predict(x);
        double feasible = normalCdf((Math.log(objective.sloS()) - latency[0]) / latency[1]);
        if (Double.isNaN(incumbentLogCost)) {
            return feasible;
        }
        double[] cost = costModel.predict(x);
        double z = (incumbentLogCost - cost[0]) / cost[1];
        double ei = (incumbentLogCost - cost[0]) * normalCdf(z) + cost[1] * normalPdf(z);
        return Math.max(0, ei) * feasible;
    }

    private Configuration bestObserved() {
        Configuration best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (Observation o : observations) {
            double c = measured(o).cost(objective);
            if (objective.meetsSlo(o.latencyP95S()) && c < bestCost) {
                best = o.configuration();
                bestCost = c;
            }
        }
        return best;
    }

    /** The best feasible configuration measured; the fastest measured when none met the SLO; the maximum before any. */
    @Override
    public Configuration best() {
        Configuration best = bestObserved();
        if (best != null) {
            return best;
        }
        Configuration fastest = space.maximum();
        double fastestLatency = Double.POSITIVE_INFINITY;
        for (Observation o : observations) {
            if (o.latencyP95S() < fastestLatency) {
                fastest = o.configuration();
                fastestLatency = o.latencyP95S();
            }
        }
        return fastest;
    }

    public List<Observation> observations() {
        return Collections.unmodifiableList(observations);
    }

    // ---- Prior: the hybrid's warm start ----

    @Override
    public Configuration nextProbe() {
        return done ? null : pending;
    }

    @Override
    public List<Configuration> ranked(int limit) {
        List<Configuration> pool = new ArrayList<>();
        for (Configuration c : candidates != null ? candidates : candidateSet()) {
            pool.add(c);
        }
        if (observations.isEmpty()) {
            return new ArrayList<>(pool.subList(0, Math.min(limit, pool.size())));
        }
        final java.util.Map<Configuration, double[]> score = new java.util.HashMap<>();
        for (Configuration c : pool) {
            Prediction p = predict(c);
            boolean feasible = objective.meetsSlo(p.latencyP95S());
            score.put(c, new double[] {feasible ? 0 : 1, feasible ? p.cost(objective) : p.latencyP95S()});
        }
        Collections.sort(pool, new Comparator<Configuration>() {
            @Override
            public int compare(Configuration a, Configuration b) {
                double[] sa = score.get(a);
                double[] sb = score.get(b);
                return sa[0] != sb[0] ? Double.compare(sa[0], sb[0]) : Double.compare(sa[1], sb[1]);
            }
        });
        return new ArrayList<>(pool.subList(0, Math.min(limit, pool.size())));
    }

    /** The GP means (back from log space) for energy and time per inference and p95 latency. */
    @Override
    public Prediction predict(Configuration configuration) {
        if (observations.isEmpty()) {
            return null;
        }
        for (Observation o : observations) {
            if (o.configuration().equals(configuration)) {
                return measured(o);
            }
        }
        if (energyModel == null) {
            int n = observations.size();
            double[][] x = inputs.toArray(new double[n][]);
            double[] energy = new double[n];
            double[] time = new double[n];
            double[] latency = new double[n];
            for (int i = 0; i < n; i++) {
                Prediction p = measured(observations.get(i));
                energy[i] = Math.log(p.energyPerInferenceJ());
                time[i] = Math.log(p.timePerInferenceS());
                latency[i] = Math.log(observations.get(i).latencyP95S());
            }
            energyModel = GaussianProcess.fit(x, energy, KERNEL);
            timeModel = GaussianProcess.fit(x, time, KERNEL);
            latencyModel = GaussianProcess.fit(x, latency, KERNEL);
        }
        double[] x = space.normalised(configuration);
        return new Prediction(Math.exp(energyModel.mean(x)), Math.exp(timeModel.mean(x)),
                Math.exp(latencyModel.mean(x)), observations.get(observations.size() - 1).traffic());
    }

    /**
     * What a sample says of its configuration. Under open loop, its window's power over the mean time per inference
     * of every sample so far: the arrivals are the same whatever the configuration, and a window's own energy per
     * inference swings with how many of them fell into it (under bursts, tenfold from a window in a burst to one in
     * a pause), its power far less. Else the window's own numbers.
     */
    private Prediction measured(Observation o) {
        if (o.traffic() != Traffic.OPEN_LOOP) {
            return o.asPrediction();
        }
        double meanTimeS = sampledTimeS / sampledRequests;
        return new Prediction(o.powerW() * meanTimeS, meanTimeS, o.latencyP95S(), o.traffic());
    }

    static double normalPdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Standard normal CDF (Abramowitz and Stegun 26.2.17, absolute error below 7.5e-8). */
    static double normalCdf(double z) {
        if (z < -40) {
            return 0;
        }
        if (z > 40) {
            return 1;
        }
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double upper = normalPdf(z) * poly;
        return z >= 0 ? 1 - upper : upper;
    }
}
